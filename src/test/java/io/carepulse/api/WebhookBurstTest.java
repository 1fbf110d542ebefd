package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.live.SupervisorMessages;
import io.carepulse.store.pg.TestDatabase;
import io.carepulse.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A burst of events on a service backed by PostgreSQL: every alert of an outage (one per call, all at once) reaches
 * its subscriber. Reading the subscriptions once per event would queue more reads than the database pool accepts,
 * and each refused read would lose its event.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebhookBurstTest extends RestServiceTest {

  private static final int ALERTS = 2_500;

  private final TestDatabase db = TestDatabase.create("webhook_burst");
  private final Set<String> receivedAlerts = ConcurrentHashMap.newKeySet();
  private HttpServer receiver;

  @Override
  JsonObject overrides() {
    return new JsonObject().put("webhookAllowPrivate", true).put("pgUrl", db.url());
  }

  @AfterEach
  void dropSchema() {
    // The service first: its delivery log still writes to the schema while the last attempts finish.
    service.shutdown().await();
    if (receiver != null) {
      receiver.close().await();
    }
    db.close();
  }

  @Test
  void everyAlertOfABurst_reachesTheSubscriber() {
    receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      receivedAlerts.add(new JsonObject(body).getJsonObject("data").getString("alertId"));
      request.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1").await();
    HttpResponse<Buffer> created = post("createWebhook", "/v1/webhooks", integrator, new JsonObject()
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hooks")
        .put("events", new JsonArray(List.of("alert.raised"))));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);

    for (int i = 0; i < ALERTS; i++) {
      vertx.eventBus().publish(SupervisorMessages.ALERTS_ADDRESS, new JsonObject().put("type", "alert.raised")
          .put("alertId", "a-" + i).put("callId", "c-" + i).put("teamId", "team-a").put("kind", "score_drop"));
    }

    Await.until(Duration.ofSeconds(90), "every alert delivered", () -> receivedAlerts.size() == ALERTS);
  }
}
