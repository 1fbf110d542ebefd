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

  public AgentGateway(Vertx vertx, LiveSettings settings, JwtAuth jwt, OriginPolicy origins, FrameReader reader,
                      CallRegistry calls, CareMetrics metrics) {
    this.reader = reader;
    this.calls = calls;
    this.metrics = metrics;
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
   * Sends {@code message} to every open connection of agent {@code agentId}; returns how many. For what concerns an
   * agent after its call ended (kudos), when no call session carries the call any more. Thread-safe.
   */
  public int tellAgent(String agentId, JsonObject message) {
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

  FrameReader reader() {
    return reader;
  }

  CareMetrics metrics() {
    return metrics;
  }
}
