package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.testing.Await;
import io.carepulse.testing.Connections;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class OperationsTest extends LiveServiceTest {

  private HttpClient http;

  record Reply(int status, String contentType, String body) {
  }

  private Reply get(String path) throws Exception {
    if (http == null) {
      http = vertx.createHttpClient();
    }
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port())
        .setURI(path);
    if (path.equals("/metrics")) {
      // On the public port /metrics answers the metrics token or an admin (MetricsAccess).
      options.addHeader("Authorization", "Bearer " + token("admin-1", io.carepulse.auth.Role.ADMIN));
    }
    return Connections.await("GET " + path, http.request(options)
        .compose(request -> request.send())
        .compose((HttpClientResponse response) -> response.body()
            .map((Buffer body) -> new Reply(response.statusCode(), response.getHeader("content-type"), body.toString()))));
  }

  private double framesRead(String type) {
    Counter counter = meters.find("carepulse.frames.in").tag("type", type).counter();
    return counter == null ? 0 : counter.count();
  }

  @AfterEach
  void closeHttp() {
    if (http != null) {
      http.close();
    }
  }

  @Test
  void healthAndReadinessAreUp() throws Exception {
    start();
    Reply health = get("/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(new JsonObject(health.body()).getString("status")).isEqualTo("UP");
    Reply ready = get("/ready");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("UP");
  }

  @Test
  void metricsCountCallsFramesErrorsAndFrameToScoreTime() throws Exception {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.send(customerSays("c1", 2, "hello"));
    agent.awaitAck("c1", 2);
    agent.sendText("nope");
    agent.expectError("bad_json");
    String metrics = get("/metrics").body();
    assertThat(metrics).contains("carepulse_calls_active 1.0");
    assertThat(metrics).contains("carepulse_frames_in_total{type=\"call.start\"} 1.0");
    assertThat(metrics).contains("carepulse_frames_in_total{type=\"utterance\"} 1.0");
    assertThat(metrics).contains("carepulse_errors_total{code=\"bad_json\"} 1.0");
    assertThat(metrics).contains("carepulse_frame_to_score_seconds_bucket");
    assertThat(metrics).contains("carepulse_frame_to_score_seconds_count 2");
  }

  @Test
  void asyncApiDocumentAndItsSchemasAreServed() throws Exception {
    start();
    Reply yaml = get("/v1/asyncapi.yaml");
    assertThat(yaml.status()).isEqualTo(200);
    assertThat(yaml.contentType()).startsWith("application/yaml");
    assertThat(yaml.body()).startsWith("asyncapi: 3.0.0").contains("address: /v1/agent").contains("./schemas/utterance.json");
    Reply schema = get("/v1/asyncapi/schemas/utterance.json");
    assertThat(schema.status()).isEqualTo(200);
    assertThat(new JsonObject(schema.body()).getString("title")).isEqualTo("utterance");
    assertThat(get("/v1/schemas/common.json").status()).isEqualTo(200);
    assertThat(get("/v1/schemas/score.json").status()).isEqualTo(200);
    assertThat(get("/v1/asyncapi/schemas/..%2Fasyncapi.yaml").status()).isEqualTo(404);
  }

  @Test
  void plainGetOnTheAgentEndpointAsksForAnUpgrade() throws Exception {
    start();
    assertThat(get("/v1/agent").status()).isEqualTo(426);
  }

  @Test
  void gracefulShutdown_inFlightFramesAreAppliedAndAckedThenClose1001_andNotReady() throws Exception {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    int sent = 40;
    for (int seq = 2; seq <= sent; seq++) {
      agent.send(customerSays("c1", seq, "turn " + seq));
    }
    // Shut down once the server has read every frame (counted as it is read, before its call applies it), so the
    // frames are in flight inside the service, not in the socket, where a drain rightly ignores them.
    Await.until("the server to read all " + (sent - 1) + " utterances", () -> framesRead("utterance") == sent - 1);
    service.shutdown().await(5, TimeUnit.SECONDS);
    assertThat(agent.awaitClose()).isEqualTo((short) 1001);
    long lastAck = agent.seen.stream().filter(m -> "ack".equals(m.getString("type")))
        .mapToLong(m -> m.getLong("seq")).max().orElseThrow();
    long applied = service.calls().find("c1").orElseThrow().lastApplied().await(5, TimeUnit.SECONDS);
    assertThat(applied).as("every frame the server read was applied").isEqualTo(sent);
    assertThat(lastAck).as("every applied frame was acked before the close").isEqualTo(sent);
    assertThat(get("/ready").status()).isEqualTo(503);
    assertThat(get("/health").status()).isEqualTo(200);
  }
}
