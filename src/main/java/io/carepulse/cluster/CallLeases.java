package io.carepulse.cluster;

import com.hazelcast.map.IMap;
import io.carepulse.live.CallOwnership;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call ownership as leases in one cluster-wide Hazelcast map, callId → owning node id, each entry living one lease
 * past its last renewal; the owner renews all its calls in one batch every third of a lease. A claim takes a free id,
 * or one whose owner is no longer a member — Hazelcast removed it — at once, so a resume after a crash waits for
 * whichever comes first, the failure detector or the lease. Every change is an entry processor ({@link LeaseChange}):
 * atomic on the member that holds the entry, and non-blocking here.
 */
public final class CallLeases implements CallOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(CallLeases.class);
  static final String MAP = "carepulse.call-owners";

  private final ClusterNode node;
  private final IMap<String, String> owners;
  private final long leaseMillis;
  private final Set<String> held = ConcurrentHashMap.newKeySet();
  private final long renewal;

  public CallLeases(ClusterNode node) {
    this.node = node;
    this.owners = node.hazelcast().getMap(MAP);
    this.leaseMillis = node.settings().lease().toMillis();
    this.renewal = node.vertx().setPeriodic(Math.max(1, leaseMillis / 3), id -> renew());
  }

  @Override
  public String node() {
    return node.nodeId();
  }

  @Override
  public boolean clustered() {
    return true;
  }

  @Override
  public Future<String> claim(String callId) {
    String me = node();
    return on(owners.submitToKey(callId, new LeaseChange.Claim(me, List.copyOf(node.members()), leaseMillis)))
        .onSuccess(owner -> {
          if (owner.equals(me)) {
            held.add(callId);
          }
        });
  }

  @Override
  public Future<String> owner(String callId) {
    return on(owners.getAsync(callId)).map(owner -> owner != null && node.members().contains(owner) ? owner : null);
  }

  @Override
  public Future<Void> release(String callId) {
    if (!held.remove(callId)) {
      return Future.succeededFuture();
    }
    return on(owners.submitToKey(callId, new LeaseChange.Release(node())))
        .onFailure(e -> LOG.atWarn().addKeyValue("callId", callId).log("call lease not released: {}", e.toString()))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  @Override
  public List<String> members() {
    return node.members();
  }

  @Override
  public void whenNodeLeaves(Consumer<String> listener) {
    node.whenMemberLeaves(listener);
  }

  /** Calls this node holds a lease on. */
  public int held() {
    return held.size();
  }

  /** One batch for all held leases; a call whose entry another node took meanwhile is no longer renewed. */
  private void renew() {
    if (held.isEmpty()) {
      return;
    }
    on(owners.submitToKeys(Set.copyOf(held), new LeaseChange.Renew(node(), leaseMillis))).onComplete(done -> {
      if (done.failed()) {
        LOG.warn("call leases not renewed: {}", done.cause().toString());
        return;
      }
      done.result().forEach((callId, renewed) -> {
        if (!renewed && held.remove(callId)) {
          LOG.atWarn().addKeyValue("callId", callId).log("call lease lost to another node");
        }
      });
    });
  }

  /** A Hazelcast completion, completed on the caller's Vert.x context (or any, from outside one). */
  private static <T> Future<T> on(CompletionStage<T> stage) {
    Context context = Vertx.currentContext();
    return context == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, context);
  }

  /** Stops renewing (shutdown); the leases lapse, or go at once with {@link #release}. */
  public void close() {
    node.vertx().cancelTimer(renewal);
  }
}
