package io.carepulse.live;

import io.carepulse.auth.OriginPolicy;
import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.ops.CareMetrics;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The agent endpoint, {@code GET /v1/agent}: a {@link SocketGateway} that admits agents and admins and hands each
 * socket to an {@link AgentConnection}. Shared by every server verticle instance; each connection lives on the event
 * loop that accepted it.
 */
public final class AgentGateway {

  public static final String PATH = "/v1/agent";

  private final FrameReader reader;
  private final CallRegistry calls;
  private final CareMetrics metrics;
  private final SocketGateway<AgentConnection> sockets;
  private final CallRelay relay;
  /** Clustered only: messages for an agent after its call ended go to its sockets on every node. */
  private final io.vertx.core.eventbus.EventBus bus;
  private static final String TOLD_ADDRESS = "carepulse.agents.told";

  public AgentGateway(Vertx vertx, LiveSettings settings, JwtAuth jwt, OriginPolicy origins, FrameReader reader,
                      CallRegistry calls, CareMetrics metrics) {
    this.reader = reader;
    this.calls = calls;
    this.metrics = metrics;
    // In a cluster, frames of calls owned by other nodes are forwarded there (docs/cluster.md).
    this.relay = calls.ownership().clustered() ? new CallRelay(vertx, calls, reader) : null;
    calls.relayThrough(relay);
    this.bus = relay == null ? null : vertx.eventBus();
    if (bus != null) {
      bus.<JsonObject>consumer(TOLD_ADDRESS, told -> {
        if (!calls.ownership().node().equals(told.body().getString("node"))) {
          tellHere(told.body().getString("agentId"), told.body().getJsonObject("message"));
        }
      });
    }
    this.sockets = new SocketGateway<>(vertx, PATH, settings, jwt, origins, AgentGateway::mayUse,
        (socket, context) -> new AgentConnection(this, socket, context),
        status -> metrics.error(status == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.FORBIDDEN));
  }

  /** Agents stream calls; admins may too (as themselves). Supervisors and integrators have their own surfaces. */
  static boolean mayUse(Identity identity) {
    return identity.role() == Role.AGENT || identity.role() == Role.ADMIN;
  }

  public void handle(RoutingContext ctx) {
    sockets.handle(ctx);
  }

  /**
   * Graceful shutdown: new upgrades get 503; every connection finishes what it already received, then closes 1001.
   */
  public Future<Void> drain() {
    return sockets.drain();
  }

  /**
   * Graceful shutdown of a cluster node, before {@link #drain}: its calls go to other nodes at once instead of after a
   * lease. New agents are refused; every socket here stops reading and its calls finish what they were handed; every
   * call stops here without ending ({@code persisted}, the journal's flush, then writes what they applied); their
   * leases are given up; sockets elsewhere forwarding to this node close 1001. The agents' resumes (these sockets
   * close 1001 in the drain) are then granted on the node they reach, which rebuilds each call from history.
   * Completes with the number of calls handed over. A single node has nothing to hand over.
   */
  public Future<Integer> handOver(java.util.function.Supplier<Future<Void>> persisted) {
    if (relay == null) {
      return Future.succeededFuture(0);
    }
    return sockets.onEach(AgentConnection::quiesce)
        .compose(quiet -> calls.handOver())
        .compose(callIds -> persisted.get().otherwiseEmpty()
            .compose(written -> Future.join(callIds.stream().map(calls.ownership()::release).toList()))
            .map(released -> {
              relay.leaving();
              return callIds.size();
            }));
  }

  public boolean draining() {
    return sockets.draining();
  }

  public int connections() {
    return sockets.connections().size();
  }

  public CallRegistry calls() {
    return calls;
  }

  /**
   * Sends {@code message} to every open connection of agent {@code agentId}, on this node and, in a cluster, on every
   * other (published to all: the agent's socket may be anywhere); returns how many here. For what concerns an agent
   * after its call ended (kudos), when no call session carries the call any more. Thread-safe.
   */
  public int tellAgent(String agentId, JsonObject message) {
    if (bus != null) {
      bus.publish(TOLD_ADDRESS, new JsonObject().put("node", calls.ownership().node()).put("agentId", agentId)
          .put("message", message));
    }
    return tellHere(agentId, message);
  }

  private int tellHere(String agentId, JsonObject message) {
    int told = 0;
    for (AgentConnection connection : sockets.connections()) {
      if (connection.isOf(agentId)) {
        connection.send(message);
        told++;
      }
    }
    return told;
  }

  SocketGateway<AgentConnection> sockets() {
    return sockets;
  }

  LiveSettings settings() {
    return sockets.settings();
  }

  /** Null unless clustered. */
  CallRelay relay() {
    return relay;
  }

  FrameReader reader() {
    return reader;
  }

  CareMetrics metrics() {
    return metrics;
  }
}
