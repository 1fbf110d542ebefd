package io.carepulse.live;

import io.carepulse.store.pg.TestDatabase;
import io.carepulse.testing.LoopbackProxy;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.util.concurrent.TimeUnit;

/**
 * The real service on its own schema of the shared PostgreSQL, reached through a {@link LoopbackProxy} the test can
 * cut and restore (the database outage tests). Closing it closes all of it, service first.
 */
public final class ServiceBehindProxy implements AutoCloseable {

  public final TestDatabase db;
  public final LoopbackProxy proxy;
  public final DurableService service;
  private final HttpClient http;

  private ServiceBehindProxy(TestDatabase db, LoopbackProxy proxy, DurableService service) {
    this.db = db;
    this.proxy = proxy;
    this.service = service;
    this.http = service.vertx.createHttpClient();
  }

  /** A fresh schema named after {@code owner}, and the service on it with {@code settings}. */
  public static ServiceBehindProxy start(String owner, JsonObject settings) throws Exception {
    TestDatabase db = TestDatabase.create(owner);
    PgConnectOptions server = PgConnectOptions.fromUri(TestDatabase.SERVER);
    LoopbackProxy proxy = new LoopbackProxy(server.getHost(), server.getPort()).start();
    return new ServiceBehindProxy(db, proxy, DurableService.start(db.urlThrough(proxy.port()), settings));
  }

  public int port() {
    return service.port();
  }

  /** {@code /ready}: {@code status} and the parsed {@code body}. */
  public JsonObject ready() {
    try {
      return http.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port())
              .setURI("/ready"))
          .compose(request -> request.send())
          .compose(r -> r.body().map(body -> new JsonObject().put("status", r.statusCode())
              .put("body", new JsonObject(body.toString()))))
          .await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("/ready did not answer within 5 s", e);
    }
  }

  /** The history check of a {@link #ready()} answer. */
  public static JsonObject historyCheck(JsonObject ready) {
    return ready.getJsonObject("body").getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(check -> "history".equals(check.getString("id"))).findFirst()
        .orElseThrow(() -> new AssertionError("no history check in " + ready));
  }

  /** The history check's state: ok, degraded, stalled, full. */
  public static String historyState(JsonObject ready) {
    return historyCheck(ready).getJsonObject("data").getString("state");
  }

  @Override
  public void close() throws Exception {
    service.close();
    proxy.close();
    db.close();
  }
}
