package io.carepulse.live;

import io.carepulse.auth.OriginPolicy;
import io.carepulse.auth.BearerToken;
import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket endpoint ({@code /v1/agent}, {@code /v1/supervisor}), up to the upgrade: 503 while draining, 426 for a
 * plain request, the {@link OriginPolicy}, then a bearer header checked before upgrading (a bad one is refused with 401,
 * a role the endpoint does not admit with 403); without a header the socket is upgraded and must say hello with a
 * token, since browsers cannot set headers. Each upgraded socket becomes a {@link SocketConnection} on the event loop
 * that accepted it. Shared by every server verticle instance; thread-safe.
 */
final class SocketGateway<C extends SocketConnection> {

  private static final Logger LOG = LoggerFactory.getLogger(SocketGateway.class);

  private final Vertx vertx;
  private final String path;
  private final LiveSettings settings;
  private final JwtAuth jwt;
  private final OriginPolicy origins;
  private final Predicate<Identity> admits;
  private final BiFunction<ServerWebSocket, Context, C> connect;
  private final IntConsumer refused;
  private final Set<C> connections = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  /**
   * {@code admits}: the roles this endpoint serves; {@code connect} makes the connection of an upgraded socket;
   * {@code refused} hears the HTTP status of every refused upgrade (401 or 403).
   */
  SocketGateway(Vertx vertx, String path, LiveSettings settings, JwtAuth jwt, OriginPolicy origins,
                Predicate<Identity> admits, BiFunction<ServerWebSocket, Context, C> connect, IntConsumer refused) {
    this.vertx = vertx;
    this.path = path;
    this.settings = settings;
    this.jwt = jwt;
    this.origins = origins;
    this.admits = admits;
    this.connect = connect;
    this.refused = refused;
  }

  void handle(RoutingContext ctx) {
    if (draining) {
      ctx.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, "1").end("shutting down");
      return;
    }
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.response().setStatusCode(426).putHeader(HttpHeaders.UPGRADE, "websocket").end("WebSocket upgrade required");
      return;
    }
    if (!origins.allows(ctx.request().getHeader(HttpHeaders.ORIGIN))) {
      refuse(ctx, 403, "origin not allowed on " + path);
      return;
    }
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      upgrade(ctx, null);
      return;
    }
    String token = BearerToken.of(header).orElse(null);
    if (token == null) {
      refuse(ctx, 401, "Authorization must be: Bearer <token>");
      return;
    }
    jwt.verify(token).onComplete(result -> {
      if (result.failed()) {
        refuse(ctx, 401, JwtAuth.refusal(result.cause()));
      } else if (!admits(result.result())) {
        refuse(ctx, 403, forbidden(result.result()));
      } else {
        upgrade(ctx, result.result());
      }
    });
  }

  /** A refused upgrade, over plain HTTP; 401 names the Bearer scheme. */
  private void refuse(RoutingContext ctx, int status, String message) {
    refused.accept(status);
    var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(message);
  }

  private void upgrade(RoutingContext ctx, Identity identity) {
    Context context = Vertx.currentContext();
    io.vertx.core.http.HttpConnection transport = ctx.request().connection();
    ctx.request().toWebSocket().onComplete(result -> {
      if (result.failed()) {
        LOG.atDebug().addKeyValue("path", path).log("upgrade failed: {}", result.cause().toString());
        return;
      }
      C connection = connect.apply(result.result(), context);
      connections.add(connection);
      connection.closed().onComplete(v -> connections.remove(connection));
      connection.open(identity, transport);
    });
  }

  boolean admits(Identity identity) {
    return admits.test(identity);
  }

  String forbidden(Identity identity) {
    return "role " + identity.role().wire() + " may not use " + path;
  }

  /** Graceful shutdown: new upgrades get 503; every connection drains on its own event loop (see its drain()). */
  /**
   * Runs {@code step} on every open connection, on its own loop, after refusing new upgrades (503) from now on, as
   * {@link #drain} does; completes when every step has.
   */
  Future<Void> onEach(java.util.function.Function<C, Future<Void>> step) {
    draining = true;
    List<Future<Void>> done = new ArrayList<>();
    for (C connection : connections) {
      Promise<Void> finished = Promise.promise();
      connection.context().runOnContext(v -> step.apply(connection).onComplete(finished));
      done.add(finished.future());
    }
    return Future.join(done).mapEmpty();
  }

  Future<Void> drain() {
    draining = true;
    List<Future<Void>> drained = new ArrayList<>();
    for (C connection : connections) {
      Promise<Void> done = Promise.promise();
      connection.context().runOnContext(v -> connection.drain().onComplete(done));
      drained.add(done.future());
    }
    return Future.all(drained).mapEmpty();
  }

  boolean draining() {
    return draining;
  }

  /** The open connections, live: iterate, never hold. */
  Set<C> connections() {
    return connections;
  }

  Vertx vertx() {
    return vertx;
  }

  LiveSettings settings() {
    return settings;
  }

  JwtAuth jwt() {
    return jwt;
  }
}
