package io.carepulse.live;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * Which node owns each live call. A single process owns every call it holds ({@link #SOLE}); in a cluster a call has
 * exactly one owning node, recorded cluster-wide with a lease its owner renews, and the other nodes forward the call's
 * frames to it (docs/cluster.md). The application plugs in the cluster's implementation.
 */
public interface CallOwnership {

  /** One process, no cluster: this node owns every call. */
  CallOwnership SOLE = new CallOwnership() {
    @Override
    public String node() {
      return "local";
    }

    @Override
    public boolean clustered() {
      return false;
    }

    @Override
    public Future<String> claim(String callId) {
      return Future.succeededFuture(node());
    }

    @Override
    public Future<String> owner(String callId) {
      return Future.succeededFuture(null);
    }

    @Override
    public Future<Void> release(String callId) {
      return Future.succeededFuture();
    }

    @Override
    public List<String> members() {
      return List.of(node());
    }

    @Override
    public void whenNodeLeaves(Consumer<String> listener) {
    }
  };

  /** This node's id. */
  String node();

  boolean clustered();

  /**
   * Takes the call for this node unless a live member owns it — a new call, one whose owner ended it, or one whose
   * owner died (left the cluster or let its lease lapse); completes with the owner's id, {@link #node()} when granted.
   * A granted call is held, its lease renewed, until {@link #release}.
   */
  Future<String> claim(String callId);

  /** The id of the live member owning the call, or null when none does. */
  Future<String> owner(String callId);

  /** The call ended here, or moved: its lease goes; completes once it is gone (or could not be removed). */
  Future<Void> release(String callId);

  /** Ids of the members now, this one included. */
  List<String> members();

  /** Tells {@code listener} the id of every node that leaves the cluster or is found dead. */
  void whenNodeLeaves(Consumer<String> listener);
}
