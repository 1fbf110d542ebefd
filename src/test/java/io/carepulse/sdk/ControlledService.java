package io.carepulse.sdk;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.store.pg.PgStore;
import io.carepulse.store.pg.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real service with history in PostgreSQL, on one fixed port so that a client keeps its URL across restarts, and a
 * control endpoint that the Node and Chromium scripts use to stop it (gracefully: close 1001 after draining; or
 * abruptly, as a kill), start it again, mint tokens and read what the server stored.
 *
 * <p>Control API (http://127.0.0.1:{controlPort}): {@code POST /service/stop?mode=graceful|kill}, {@code POST
 * /service/start}, {@code GET /token?sub=&role=}, {@code GET /stored?callId=} (the frames table: count, distinct seqs,
 * seq range, per type, and each frame's seq/type/ts), {@code GET /feedback?callId=}.
 */
final class ControlledService implements AutoCloseable {

  static final String SECRET = "sdk-test-secret-sdk-test-secret-000001";

  private final Vertx control = Vertx.vertx();
  private final TestDatabase db;
  private final int port;
  private final JwtAuth jwt;
  private final Pool pool;
  private final HttpServer controlServer;
  private Vertx serviceVertx;
  private CarePulseService service;

  private ControlledService(String owner, JsonObject settings) throws Exception {
    db = TestDatabase.create(owner);
    port = freePort();
    this.settings = settings;
    jwt = JwtAuth.create(control, SECRET);
    startService();
    pool = PgStore.pool(control, db.url(), 2);
    Router router = Router.router(control);
    router.post("/service/stop").handler(ctx -> lifecycle.execute(() -> stop(ctx)));
    router.post("/service/start").handler(ctx -> lifecycle.execute(() -> start(ctx)));
    router.get("/token").handler(this::token);
    router.get("/stored").handler(this::stored);
    router.get("/feedback").handler(this::feedback);
    controlServer = control.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  private final JsonObject settings;
  /** Stops and starts block on futures of other Vert.x instances: never on an event loop or a Vert.x worker. */
  private final ExecutorService lifecycle = Executors.newSingleThreadExecutor();

  static ControlledService start(String owner) throws Exception {
    return new ControlledService(owner, new JsonObject());
  }

  int port() {
    return port;
  }

  int controlPort() {
    return controlServer.actualPort();
  }

  String token(String sub, Role role) {
    return jwt.mint(sub, role, List.of("team-a"), Duration.ofMinutes(30));
  }

  long count(String sql) {
    return db.count(sql);
  }

  String schema() {
    return db.schema();
  }

  private synchronized void startService() throws Exception {
    if (service != null) {
      return;
    }
    JsonObject all = new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", port).put("jwtSecret", SECRET).put("serverInstances", 1)
        .put("journalFlushInterval", "20ms").put("pgUrl", db.url()).put("shutdownGrace", "5s")
        .mergeIn(settings);
    serviceVertx = Vertx.vertx();
    service = CarePulseService.start(serviceVertx, AppConfig.from(all, Map.of()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await(30, TimeUnit.SECONDS);
  }

  /** Graceful: agents get close 1001 after their in-flight frames are acked, the journal is flushed. Kill: nothing. */
  synchronized void stopService(boolean graceful) throws Exception {
    if (service == null) {
      return;
    }
    if (graceful) {
      service.shutdown().await(10, TimeUnit.SECONDS);
    }
    serviceVertx.close().await(15, TimeUnit.SECONDS);
    service = null;
    serviceVertx = null;
  }

  private void stop(RoutingContext ctx) {
    boolean graceful = !"kill".equals(ctx.queryParams().get("mode"));
    try {
      stopService(graceful);
      ctx.json(new JsonObject().put("stopped", true).put("graceful", graceful));
    } catch (Exception e) {
      ctx.fail(e);
    }
  }

  private void start(RoutingContext ctx) {
    try {
      startService();
      ctx.json(new JsonObject().put("started", true).put("port", port));
    } catch (Exception e) {
      ctx.fail(e);
    }
  }

  private void token(RoutingContext ctx) {
    Role role = Role.fromWire(ctx.queryParams().get("role") == null ? "agent" : ctx.queryParams().get("role"))
        .orElse(Role.AGENT);
    ctx.json(new JsonObject().put("token", token(ctx.queryParams().get("sub"), role)));
  }

  private void stored(RoutingContext ctx) {
    String callId = ctx.queryParams().get("callId");
    pool.preparedQuery("SELECT seq, type, frame FROM frames WHERE call_id = $1 ORDER BY seq")
        .execute(Tuple.of(callId))
        .onSuccess(rows -> {
          JsonArray frames = new JsonArray();
          JsonObject byType = new JsonObject();
          java.util.Set<Long> seqs = new java.util.HashSet<>();
          long min = Long.MAX_VALUE;
          long max = 0;
          for (Row row : rows) {
            long seq = row.getLong("seq");
            seqs.add(seq);
            min = Math.min(min, seq);
            max = Math.max(max, seq);
            String type = row.getString("type");
            byType.put(type, byType.getInteger(type, 0) + 1);
            Object frame = row.getValue("frame");
            frames.add(frame instanceof JsonObject json ? json : new JsonObject(String.valueOf(frame)));
          }
          ctx.json(new JsonObject().put("callId", callId).put("count", rows.size()).put("distinctSeqs", seqs.size())
              .put("minSeq", rows.size() == 0 ? 0 : min).put("maxSeq", max).put("byType", byType).put("frames", frames));
        })
        .onFailure(ctx::fail);
  }

  private void feedback(RoutingContext ctx) {
    pool.preparedQuery("SELECT seq, prompt_id, action FROM prompt_feedback WHERE call_id = $1 ORDER BY seq")
        .execute(Tuple.of(ctx.queryParams().get("callId")))
        .onSuccess(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(new JsonObject().put("seq", row.getLong("seq"))
              .put("promptId", row.getString("prompt_id")).put("action", row.getString("action"))));
          ctx.json(new JsonObject().put("feedback", items));
        })
        .onFailure(ctx::fail);
  }

  @Override
  public void close() throws Exception {
    try {
      lifecycle.shutdownNow();
      stopService(false);
    } finally {
      Future.join(pool.close(), controlServer.close()).await(10, TimeUnit.SECONDS);
      control.close().await(10, TimeUnit.SECONDS);
      db.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }
}
