package io.carepulse.live;

import io.carepulse.app.AppConfig;
import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.ops.CareMetrics;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent endpoint, {@code GET /v1/agent}: checks a bearer header before upgrading (a bad one is refused with 401,
 * a role that may not stream calls with 403), then hands the socket to an {@link AgentConnection}. Shared by every
 * server verticle instance; each connection lives on the event loop that accepted it.
 */
public final class AgentGateway {

  private static final Logger LOG = LoggerFactory.getLogger(AgentGateway.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final JwtAuth jwt;
  private final FrameReader reader;
  private final CallRegistry calls;
  private final CareMetrics metrics;
  private final Set<AgentConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  public AgentGateway(Vertx vertx, AppConfig config, JwtAuth jwt, FrameReader reader, CallRegistry calls,
                      CareMetrics metrics) {
    this.vertx = vertx;
    this.config = config;
    this.jwt = jwt;
    this.reader = reader;
    this.calls = calls;
    this.metrics = metrics;
  }

  /** Agents stream calls; admins may too (as themselves). Supervisors and integrators have their own surfaces. */
  static boolean mayUse(Identity identity) {
    return identity.role() == Role.AGENT || identity.role() == Role.ADMIN;
  }

  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (draining) {
      ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end("shutting down");
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
      ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket").end("WebSocket upgrade required");
      return;
    }
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      upgrade(ctx, null);
      return;
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      refuse(ctx, 401, "Authorization must be: Bearer <token>");
      return;
    }
    jwt.verify(header.substring(7).trim()).onComplete(result -> {
      if (result.failed()) {
        refuse(ctx, 401, result.cause() instanceof JwtAuth.AuthFailure ? result.cause().getMessage() : "token rejected");
      } else if (!mayUse(result.result())) {
        refuse(ctx, 403, "role " + result.result().role().wire() + " may not use /v1/agent");
      } else {
        upgrade(ctx, result.result());
      }
    });
  }

  private void refuse(RoutingContext ctx, int status, String message) {
    metrics.error(status == 401 ? io.carepulse.protocol.ErrorCode.UNAUTHORIZED : io.carepulse.protocol.ErrorCode.FORBIDDEN);
    UpgradeRefusal.send(ctx, status, message);
  }

  private void upgrade(RoutingContext ctx, Identity identity) {
    Context context = Vertx.currentContext();
    ctx.request().toWebSocket().onComplete(result -> {
      if (result.failed()) {
        LOG.debug("agent upgrade failed: {}", result.cause().toString());
        return;
      }
      AgentConnection connection = new AgentConnection(this, result.result(), context);
      connections.add(connection);
      connection.open(identity);
    });
  }

  /**
   * Graceful shutdown: new upgrades get 503; every connection finishes what it already received, then closes 1001.
   */
  public Future<Void> drain() {
    draining = true;
    List<Future<Void>> closed = new ArrayList<>();
    for (AgentConnection connection : connections) {
      Promise<Void> done = Promise.promise();
      connection.context().runOnContext(v -> connection.drain().onComplete(done));
      closed.add(done.future());
    }
    return Future.all(closed).mapEmpty();
  }

  public boolean draining() {
    return draining;
  }

  public int connections() {
    return connections.size();
  }

  public CallRegistry calls() {
    return calls;
  }

  /**
   * Sends {@code message} to every open connection of agent {@code agentId}; returns how many. For what concerns an
   * agent after its call ended (kudos), when no call session carries the call any more. Thread-safe.
   */
  public int tellAgent(String agentId, io.vertx.core.json.JsonObject message) {
    int told = 0;
    for (AgentConnection connection : connections) {
      if (connection.isOf(agentId)) {
        connection.send(message);
        told++;
      }
    }
    return told;
  }

  void forget(AgentConnection connection) {
    connections.remove(connection);
  }

  Vertx vertx() {
    return vertx;
  }

  AppConfig config() {
    return config;
  }

  JwtAuth jwt() {
    return jwt;
  }

  FrameReader reader() {
    return reader;
  }

  CareMetrics metrics() {
    return metrics;
  }
}
