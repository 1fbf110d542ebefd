package io.carepulse.tools.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class SimulationTest {

  /** An angry customer, an agent who owns it; frames 100 ms apart. Written for these tests. */
  static final String ANGRY_CALL = String.join("\n",
      "{\"type\":\"call.start\",\"callId\":\"c-angry\",\"seq\":1,\"ts\":1000,\"customer\":{\"name\":\"Sam\"}}",
      "{\"type\":\"utterance\",\"callId\":\"c-angry\",\"seq\":2,\"ts\":1100,\"speaker\":\"agent\",\"text\":\"hello, how can I help\",\"final\":true}",
      "{\"type\":\"utterance\",\"callId\":\"c-angry\",\"seq\":3,\"ts\":1200,\"speaker\":\"customer\",\"text\":\"I am angry, third time I call\",\"final\":true}",
      "{\"type\":\"utterance\",\"callId\":\"c-angry\",\"seq\":4,\"ts\":1300,\"speaker\":\"agent\",\"text\":\"I'm sorry, I'll fix it now\",\"final\":true}",
      "{\"type\":\"event\",\"callId\":\"c-angry\",\"seq\":5,\"ts\":1400,\"kind\":\"hold\"}",
      "{\"type\":\"event\",\"callId\":\"c-angry\",\"seq\":6,\"ts\":1500,\"kind\":\"unhold\"}",
      "{\"type\":\"call.end\",\"callId\":\"c-angry\",\"seq\":7,\"ts\":1600}");

  static final String CALM_CALL = String.join("\n",
      "{\"type\":\"call.start\",\"callId\":\"c-calm\",\"seq\":1,\"ts\":5000}",
      "{\"type\":\"utterance\",\"callId\":\"c-calm\",\"seq\":2,\"ts\":5100,\"speaker\":\"customer\",\"text\":\"hi, my balance please\",\"final\":true}",
      "{\"type\":\"call.end\",\"callId\":\"c-calm\",\"seq\":3,\"ts\":5200}");

  private FakeAgentServer server;
  private final StringWriter printed = new StringWriter();
  private ConsoleFeed feed;

  @BeforeEach
  void start(Vertx vertx) {
    server = new FakeAgentServer(vertx);
    feed = new ConsoleFeed(new PrintWriter(printed), false);
  }

  static List<ReplayScript> scripts(String... files) throws IOException {
    return java.util.Arrays.stream(files).flatMap(text -> {
      try {
        return ReplayScripts.parse(new StringReader(text), "test").stream();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  private Future<List<CallOutcome>> simulate(Vertx vertx, int port, String token, int calls, double speed)
      throws IOException {
    SimulationOptions options = new SimulationOptions(server.url(port), token, calls, speed, false, Duration.ofSeconds(1));
    Simulation simulation = new Simulation(vertx, options, feed);
    return simulation.run(scripts(ANGRY_CALL, CALM_CALL)).eventually(simulation::close);
  }

  private static List<Long> oneToN(int n) {
    return LongStream.rangeClosed(1, n).boxed().toList();
  }

  @Test
  void threeCallsFromTwoRecordingsCompleteEachUnderItsOwnCallId(Vertx vertx, VertxTestContext ctx) {
    server.start()
        .compose(port -> uncheckedSimulate(vertx, port, FakeAgentServer.TOKEN, 3, 0))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          feed.close();
          assertThat(outcomes).hasSize(3).allMatch(CallOutcome::completed);
          assertThat(outcomes).extracting(CallOutcome::callId).doesNotHaveDuplicates()
              .allMatch(id -> id.matches("[A-Za-z0-9._:-]{1,128}"));
          assertThat(outcomes.get(0).callId()).endsWith("c-angry");
          assertThat(outcomes.get(1).callId()).endsWith("c-calm");
          assertThat(outcomes.get(2).callId()).endsWith("c-angry");
          assertThat(server.applied).hasSize(3);
          assertThat(server.reoffered).isEmpty();
          for (CallOutcome outcome : outcomes) {
            assertThat(server.applied.get(outcome.callId())).isEqualTo(oneToN(outcome.frames()));
            assertThat(outcome.acked()).isEqualTo(outcome.frames());
            assertThat(outcome.scores()).isPositive();
          }
          assertThat(outcomes.get(0).promptKinds()).containsExactly("acknowledge_feelings");
          assertThat(outcomes.get(1).promptKinds()).isEmpty();
          assertThat(printed.toString())
              .contains(">>> PROMPT acknowledge_feelings: Acknowledge how they feel before solving")
              .contains("score 49 (call 47, rising) | emo 40 emp 60 own 55 lis 70 res 80 per 50 | fake_rule +1.5 (because)")
              .contains("customer: I am angry, third time I call");
          ctx.completeNow();
        })));
  }

  @Test
  void aFrameLostWhileWaitingForItsAckIsResentAfterTheTimeout(Vertx vertx, VertxTestContext ctx) {
    server.losingFrame(3).start()
        .compose(port -> uncheckedSimulate(vertx, port, FakeAgentServer.TOKEN, 1, 0.0))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          CallOutcome outcome = outcomes.get(0);
          assertThat(outcome.completed()).as(outcome.failure()).isTrue();
          assertThat(server.applied.get(outcome.callId())).isEqualTo(oneToN(7));
          ctx.completeNow();
        })));
  }

  @Test
  void aLostFrameWhileStreamingInRealTimeCostsOneResend(Vertx vertx, VertxTestContext ctx) {
    server.losingFrame(3).start()
        .compose(port -> uncheckedSimulate(vertx, port, FakeAgentServer.TOKEN, 1, 20))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          CallOutcome outcome = outcomes.get(0);
          assertThat(outcome.completed()).as(outcome.failure()).isTrue();
          assertThat(server.applied.get(outcome.callId())).isEqualTo(oneToN(7));
          feed.close();
          assertThat(printed.toString()).contains("!! error seq_gap");
          ctx.completeNow();
        })));
  }

  @Test
  void aDroppedConnectionResumesWithoutLossOrDoubleApplication(Vertx vertx, VertxTestContext ctx) {
    server.droppingConnectionAt(4).start()
        .compose(port -> uncheckedSimulate(vertx, port, FakeAgentServer.TOKEN, 1, 0))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          CallOutcome outcome = outcomes.get(0);
          assertThat(outcome.completed()).as(outcome.failure()).isTrue();
          assertThat(outcome.reconnects()).isEqualTo(1);
          assertThat(server.applied.get(outcome.callId())).isEqualTo(oneToN(7));
          assertThat(server.received).anyMatch(frame -> "hello".equals(frame.getString("type"))
              && frame.getJsonArray("resume", new io.vertx.core.json.JsonArray()).size() == 1);
          // Frame 4 was applied but its ack was lost with the connection; the welcome's nextSeq (5) says so, and the
          // client must not send 4 again: a server that applied whatever it got would apply it twice.
          assertThat(server.reoffered).as("frames sent again after the server said they were applied").isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void aWrongTokenFailsTheCallWithoutRetrying(Vertx vertx, VertxTestContext ctx) {
    server.start()
        .compose(port -> uncheckedSimulate(vertx, port, "forged", 1, 0))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          CallOutcome outcome = outcomes.get(0);
          assertThat(outcome.completed()).isFalse();
          assertThat(outcome.failure()).contains("unauthorized");
          assertThat(outcome.reconnects()).isZero();
          assertThat(server.applied).isEmpty();
          ctx.completeNow();
        })));
  }

  @Test
  void realTimeFollowsTheFramesTimestamps(Vertx vertx, VertxTestContext ctx) {
    long started = System.nanoTime();
    server.start()
        .compose(port -> uncheckedSimulate(vertx, port, FakeAgentServer.TOKEN, 1, 1))
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          long elapsedMs = (System.nanoTime() - started) / 1_000_000;
          assertThat(outcomes.get(0).completed()).isTrue();
          // the angry call spans 600 ms of event time
          assertThat(elapsedMs).isGreaterThanOrEqualTo(580);
          long firstTs = server.received.stream().filter(f -> "call.start".equals(f.getString("type")))
              .findFirst().orElseThrow().getLong("ts");
          long endTs = server.received.stream().filter(f -> "call.end".equals(f.getString("type")))
              .findFirst().orElseThrow().getLong("ts");
          assertThat(endTs - firstTs).isEqualTo(600);
          assertThat(firstTs).isGreaterThan(System.currentTimeMillis() - 60_000);
          ctx.completeNow();
        })));
  }

  @Test
  void aSimulatedSampleCallScoresExactlyAsOfflineReplay(Vertx vertx, VertxTestContext ctx) {
    ReplayScript sample = ReplayScripts.bundledSamples().get(0);
    io.carepulse.engine.CallEngine offline = new io.carepulse.engine.CallEngine(sample.callId(),
        io.carepulse.engine.CoreConfig.defaults());
    io.carepulse.wire.FrameReader reader = io.carepulse.wire.FrameReader.load();
    int[] offlineFinal = {-1};
    for (io.vertx.core.json.JsonObject frame : sample.frames()) {
      io.carepulse.wire.FrameRead read = reader.read(frame);
      offline.apply((io.carepulse.protocol.CallFrame) ((io.carepulse.wire.FrameRead.Accepted) read).frame())
          .score().ifPresent(update -> offlineFinal[0] = update.score());
    }
    server.scoringWithTheRealCore().start()
        .compose(port -> {
          SimulationOptions options = new SimulationOptions(server.url(port), FakeAgentServer.TOKEN, 1, 0, false,
              Duration.ofSeconds(2));
          Simulation simulation = new Simulation(vertx, options, feed);
          return simulation.run(List.of(sample)).eventually(simulation::close);
        })
        .onComplete(ctx.succeeding(outcomes -> ctx.verify(() -> {
          CallOutcome outcome = outcomes.get(0);
          assertThat(outcome.completed()).as(outcome.failure()).isTrue();
          assertThat(outcome.scores()).isPositive();
          assertThat(outcome.lastScore()).isEqualTo(offlineFinal[0]);
          feed.close();
          assertThat(printed.toString()).contains("score ").contains(" | emo ");
          ctx.completeNow();
        })));
  }

  private Future<List<CallOutcome>> uncheckedSimulate(Vertx vertx, int port, String token, int calls, double speed) {
    try {
      return simulate(vertx, port, token, calls, speed);
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }
}
