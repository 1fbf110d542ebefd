package io.carepulse.live;

import io.carepulse.app.AppConfig;
import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.wire.SupervisorFrameReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor endpoint, {@code GET /v1/supervisor}: authenticates like the agent endpoint (bearer header before the
 * upgrade, or a {@code hello} with the token as first frame, since browsers cannot set headers), admits roles
 * supervisor and admin, and hands the socket to a {@link SupervisorConnection}. Shared by every server verticle.
 */
public final class SupervisorGateway {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorGateway.class);

  /** How often a supervisor's pending changes are sent: at most this many updates per call per second is 4. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

  private final Vertx vertx;
  private final AppConfig config;
  private final JwtAuth jwt;
  private final CallRegistry calls;
  private final SupervisorFeed feed;
  private final SupervisorFrameReader reader = SupervisorFrameReader.load();
  private final Set<SupervisorConnection> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  SupervisorGateway(Vertx vertx, AppConfig config, JwtAuth jwt, CallRegistry calls, SupervisorFeed feed) {
    this.vertx = vertx;
    this.config = config;
    this.jwt = jwt;
    this.calls = calls;
    this.feed = feed;
  }

  static boolean mayUse(Identity identity) {
    return identity.role() == Role.SUPERVISOR || identity.role() == Role.ADMIN;
  }

  public void handle(RoutingContext ctx) {
    if (closing) {
      ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end("shutting down");
      return;
    }
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket").end("WebSocket upgrade required");
      return;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
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
        refuse(ctx, 403, "role " + result.result().role().wire() + " may not use /v1/supervisor");
      } else {
        upgrade(ctx, result.result());
      }
    });
  }

  private static void refuse(RoutingContext ctx, int status, String message) {
    UpgradeRefusal.send(ctx, status, message);
  }

  private void upgrade(RoutingContext ctx, Identity identity) {
    Context context = Vertx.currentContext();
    ctx.request().toWebSocket().onComplete(result -> {
      if (result.failed()) {
        LOG.debug("supervisor upgrade failed: {}", result.cause().toString());
        return;
      }
      SupervisorConnection connection = new SupervisorConnection(this, result.result(), context);
      connections.add(connection);
      connection.open(identity);
    });
  }

  /** Shutdown: no new supervisors; open sockets are closed with 1001 so dashboards reconnect elsewhere. */
  public Future<Void> close() {
    closing = true;
    List<Future<Void>> closed = new ArrayList<>();
    for (SupervisorConnection connection : connections) {
      closed.add(connection.close());
    }
    return Future.all(closed).mapEmpty();
  }

  public int connections() {
    return connections.size();
  }

  /** Per connection, the calls waiting to be sent: bounded by the calls in its scope, however stalled it is. */
  public List<Integer> pendingPerConnection() {
    List<Integer> pending = new ArrayList<>();
    connections.forEach(connection -> pending.add(connection.pending()));
    return pending;
  }

  /** Flushes skipped because a socket's write queue was full, over all connections so far. */
  public long skippedFlushes() {
    long total = 0;
    for (SupervisorConnection connection : connections) {
      total += connection.skippedFlushes();
    }
    return total;
  }

  void forget(SupervisorConnection connection) {
    connections.remove(connection);
    feed.remove(connection);
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

  CallRegistry calls() {
    return calls;
  }

  SupervisorFeed feed() {
    return feed;
  }

  SupervisorFrameReader reader() {
    return reader;
  }
}
