package io.carepulse.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The generator against the real service: five agents stream calls for two seconds and everything they send is
 * answered. Functional only — no latency is asserted, this box may be busy.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadGeneratorTest {

  private static final String SECRET = "bench-secret-bench-secret-bench-secret-01";

  private Vertx vertx;
  private CarePulseService service;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    JsonObject settings = new JsonObject().put("httpHost", "127.0.0.1").put("httpPort", 0).put("jwtSecret", SECRET)
        .put("serverInstances", 2);
    service = CarePulseService.start(vertx, AppConfig.from(settings, Map.of()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void fiveAgentsStreamForTwoSecondsAndEveryFrameIsAcknowledgedAndScoredWhereDue() throws InterruptedException {
    List<String> lines = new ArrayList<>();
    LoadPlan plan = new LoadPlan("127.0.0.1", service.port(), "/v1/agent", SECRET, 5, List.of(5.0),
        Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(500), 1, 0, 0, Duration.ofSeconds(1), "test");

    List<JsonObject> results = new LoadGenerator(plan, lines::add).run();

    assertThat(lines.get(0)).startsWith("CONNECTED 5 of 5 calls");
    assertThat(results).hasSize(1);
    JsonObject step = results.get(0);
    assertThat(step.getDouble("sentPerSec")).as(step.encode()).isPositive();
    assertThat(step.getDouble("receivedPerSec")).as(step.encode()).isPositive();
    assertThat(step.getJsonObject("ack").getLong("count")).as(step.encode()).isPositive();
    assertThat(step.getJsonObject("score").getLong("count")).as(step.encode()).isPositive();
    assertThat(step.getLong("errors")).as(step.encode()).isZero();
    assertThat(step.getLong("unanswered")).as(step.encode()).isZero();
    assertThat(step.getLong("scoreMissing")).as("every due score came before its ack: " + step.encode()).isZero();
    assertThat(service.calls().endedCalls().find("test-0")).as("call.end closed the call").isPresent();
  }

  @Test
  void supervisorsWatchingTheirTeamsReceiveRowsWhileTheCallsStream() throws InterruptedException {
    List<String> lines = new ArrayList<>();
    // Four calls in two teams of two; three supervisors, so one team is watched twice.
    LoadPlan plan = new LoadPlan("127.0.0.1", service.port(), "/v1/agent", SECRET, 4, List.of(5.0),
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(500), 1, 0, 0, Duration.ofSeconds(1),
        "watched", 2, 3);

    List<JsonObject> results = new LoadGenerator(plan, lines::add).run();

    assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("SUPERVISORS 3 of 3 attached"));
    assertThat(results).hasSize(1);
    JsonObject step = results.get(0);
    JsonObject watching = step.getJsonObject("supervisors");
    assertThat(watching).as(step.encode()).isNotNull();
    assertThat(watching.getInteger("attached")).isEqualTo(3);
    assertThat(watching.getJsonObject("messagesByType").getLong("call", 0L)).as("rows arrived: " + watching.encode())
        .isPositive();
    assertThat(watching.getDouble("bytesPerSec")).isPositive();
    assertThat(watching.getLong("closedByServer")).isZero();
    assertThat(step.getLong("errors")).as(step.encode()).isZero();
    assertThat(service.calls().endedCalls().find("watched-3")).as("call.end closed the call").isPresent();
  }

  @Test
  void aSupervisorMessageIsKnownByItsLeadingType() {
    assertThat(WatchingSupervisors.messageType(io.vertx.core.buffer.Buffer.buffer(
        "{\"type\":\"call\",\"callId\":\"x\",\"rank\":40}"))).isEqualTo("call");
    assertThat(WatchingSupervisors.messageType(io.vertx.core.buffer.Buffer.buffer("{\"callId\":\"x\"}")))
        .isEqualTo("unknown");
  }

  @Test
  void everyFrameOfTheMixPassesTheProtocolSchemas() {
    var reader = io.carepulse.wire.FrameReader.load();
    FrameMix.Script script = FrameMix.bundled().script(3, "hvb-bench-1");
    for (long seq = 1; seq <= 450; seq++) {
      long ts = 1_767_225_600_000L + seq * 200;
      String frame = script.frame(seq, ts, seq * 200);
      assertThat(reader.read(frame)).as(frame).isInstanceOf(io.carepulse.wire.FrameRead.Accepted.class);
      var json = new io.vertx.core.json.JsonObject(frame);
      assertThat(json.getString("callId")).isEqualTo("hvb-bench-1");
      assertThat(json.getLong("seq")).isEqualTo(seq);
      assertThat(json.getLong("ts")).isEqualTo(ts);
    }
    assertThat(reader.read(script.end(451, 1_767_225_700_000L))).isInstanceOf(io.carepulse.wire.FrameRead.Accepted.class);
  }
}
