package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.carepulse.testing.Await;
import io.carepulse.webhook.WebhookSignature;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Webhooks against a real receiver on loopback, which answers with the statuses a test queues (then 200). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebhooksApiTest extends RestServiceTest {

  /** The receiver listens on loopback, which webhooks may only reach when private targets are allowed. */
  @Override
  JsonObject overrides() {
    return new JsonObject().put("webhookAllowPrivate", true);
  }

  private static final String SECRET = "a-receiver-secret-of-32-characters!";

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();
  private volatile boolean alwaysFail;

  record Received(String event, String signature, String body) {
  }

  private String receiverUrl() {
    if (receiver == null) {
      receiver = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        received.add(new Received(request.getHeader("CarePulse-Event"), request.getHeader(WebhookSignature.HEADER),
            body.toString()));
        Integer status = answers.poll();
        request.response().setStatusCode(alwaysFail ? 500 : status == null ? 200 : status).end();
      })).listen(0, "127.0.0.1").await();
    }
    return "http://127.0.0.1:" + receiver.actualPort() + "/hooks";
  }

  @AfterEach
  void stopReceiver() {
    if (receiver != null) {
      receiver.close().await();
    }
  }

  private String subscribe(String... events) {
    HttpResponse<Buffer> created = post("createWebhook", "/v1/webhooks", integrator, new JsonObject()
        .put("url", receiverUrl()).put("events", new JsonArray(List.of((Object[]) events))).put("secret", SECRET));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private JsonArray deliveries(String id) {
    return get("listWebhookDeliveries", "/v1/webhooks/" + id + "/deliveries", integrator).bodyAsJsonObject()
        .getJsonArray("items");
  }

  @Test
  void anEndedCall_isDeliveredSigned_andTheSignatureVerifies() {
    String id = subscribe("call.ended");
    wholeCall("c1", "agent-1", "team-a");

    Received delivery = CallsApiTest.eventually(() -> received.isEmpty() ? null : received.get(0));
    assertThat(delivery.event()).isEqualTo("call.ended");
    long now = System.currentTimeMillis() / 1000;
    assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body(), now, 300)).isTrue();
    assertThat(WebhookSignature.verify("another-secret-another-secret!!", delivery.signature(), delivery.body(), now,
        300)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body().replace("c1", "c2"), now, 300))
        .isFalse();
    assertThat(WebhookSignature.verify(SECRET, delivery.signature(), delivery.body(), now + 3600, 300)).isFalse();
    JsonObject event = new JsonObject(delivery.body());
    assertThat(event.getString("type")).isEqualTo("call.ended");
    assertThat(event.getJsonObject("data").getString("callId")).isEqualTo("c1");
    assertThat(event.getJsonObject("data").getString("agentId")).isEqualTo("agent-1");

    JsonObject logged = CallsApiTest.eventually(() -> {
      JsonArray log = deliveries(id);
      return log.isEmpty() || !log.getJsonObject(0).getString("state").equals("delivered") ? null : log.getJsonObject(0);
    });
    assertThat(logged.getInteger("attempts")).isEqualTo(1);
    assertThat(logged.getInteger("lastStatus")).isEqualTo(200);
  }

  @Test
  void aFailingReceiver_isRetriedWithBackoff_untilItAnswers() {
    String id = subscribe("call.ended");
    answers.add(500);
    answers.add(503);
    wholeCall("c1", "agent-1", "team-a");

    JsonObject logged = CallsApiTest.eventually(() -> {
      JsonArray log = deliveries(id);
      return log.isEmpty() || !log.getJsonObject(0).getString("state").equals("delivered") ? null : log.getJsonObject(0);
    });
    assertThat(logged.getInteger("attempts")).isEqualTo(3);
    assertThat(received).hasSize(3);
    // Each attempt is signed afresh; all carry the same event.
    assertThat(received.stream().map(Received::body).distinct()).hasSize(1);
  }

  @Test
  void aReceiverThatNeverAnswers2xx_isGivenUpAfterTheConfiguredAttempts() throws Exception {
    alwaysFail = true;
    String id = subscribe("call.ended");
    wholeCall("c1", "agent-1", "team-a");

    JsonObject logged = CallsApiTest.eventually(() -> {
      JsonArray log = deliveries(id);
      return log.isEmpty() || !log.getJsonObject(0).getString("state").equals("failed") ? null : log.getJsonObject(0);
    });
    assertThat(logged.getInteger("attempts")).isEqualTo(3);
    assertThat(logged.getInteger("lastStatus")).isEqualTo(500);
    Await.holds(Duration.ofMillis(200), "no attempt after the last", () -> received.size() == 3);
    assertThat(received).hasSize(3);
  }

  @Test
  void alertsAndKudos_fromTheSupervisorFeed_goToTheirSubscribersOnly() {
    subscribe("alert.raised");
    wholeCall("c1", "agent-1", "team-a");
    vertx.eventBus().publish("carepulse.kudos", new JsonObject().put("type", "kudos.awarded").put("kudosId", "k-1")
        .put("callId", "c1").put("agentId", "agent-1").put("teamId", "team-a").put("reason", "recovery")
        .put("message", "Well done").put("at", "2026-11-02T09:00:00Z"));
    vertx.eventBus().publish("carepulse.alerts", new JsonObject().put("type", "alert.raised").put("alertId", "a-1")
        .put("callId", "c1").put("agentId", "agent-1").put("teamId", "team-a").put("kind", "sharp_drop")
        .put("severity", "critical").put("message", "Score fell 25 points").put("at", "2026-11-02T09:00:00Z"));

    Received alert = CallsApiTest.eventually(() -> received.isEmpty() ? null : received.get(0));
    assertThat(alert.event()).isEqualTo("alert.raised");
    assertThat(new JsonObject(alert.body()).getJsonObject("data").getString("alertId")).isEqualTo("a-1");
    assertThat(received).extracting(Received::event).containsOnly("alert.raised");
  }

  @Test
  void subscriptions_areListedWithoutSecrets_andRemoved() {
    String id = subscribe("call.ended", "kudos.awarded");
    JsonArray items = get("listWebhooks", "/v1/webhooks", admin).bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).containsKey("secret")).isFalse();

    HttpResponse<Buffer> generated = post("createWebhook", "/v1/webhooks", integrator,
        new JsonObject().put("url", "https://crm.example/hooks").put("events", new JsonArray().add("call.ended")));
    assertThat(generated.bodyAsJsonObject().getString("secret")).hasSizeGreaterThanOrEqualTo(24);

    assertThat(call("deleteWebhook", HttpMethod.DELETE, "/v1/webhooks/" + id, integrator, null, Map.of()).statusCode())
        .isEqualTo(204);
    assertThat(call("deleteWebhook", HttpMethod.DELETE, "/v1/webhooks/" + id, integrator, null, Map.of()).statusCode())
        .isEqualTo(404);
    assertThat(get("listWebhookDeliveries", "/v1/webhooks/" + id + "/deliveries", integrator).statusCode())
        .isEqualTo(404);
  }

  @Test
  void invalidSubscriptions_are400_andOnlyIntegratorsAndAdminsSubscribe() {
    HttpResponse<Buffer> badUrl = post("createWebhook", "/v1/webhooks", integrator,
        new JsonObject().put("url", "ftp://example.com").put("events", new JsonArray().add("call.ended")));
    assertThat(badUrl.statusCode()).isEqualTo(400);
    assertThat(field(badUrl)).isEqualTo("body.url");
    HttpResponse<Buffer> badEvent = post("createWebhook", "/v1/webhooks", integrator,
        new JsonObject().put("url", "https://example.com").put("events", new JsonArray().add("call.started")));
    assertThat(field(badEvent)).isEqualTo("body.events[0]");
    HttpResponse<Buffer> shortSecret = post("createWebhook", "/v1/webhooks", integrator, new JsonObject()
        .put("url", "https://example.com").put("events", new JsonArray().add("call.ended")).put("secret", "short"));
    assertThat(field(shortSecret)).isEqualTo("body.secret");
    assertThat(post("createWebhook", "/v1/webhooks", supervisorA, new JsonObject().put("url", "https://example.com")
        .put("events", new JsonArray().add("call.ended"))).statusCode()).isEqualTo(403);
    assertThat(get("listWebhooks", "/v1/webhooks", agent1).statusCode()).isEqualTo(403);
  }
}
