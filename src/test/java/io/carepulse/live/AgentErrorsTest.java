package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.carepulse.testing.Await;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every error code of protocol v1 in its situation, and that the socket stays open unless the protocol says not. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AgentErrorsTest extends LiveServiceTest {

  @Test
  void notJsonIsBadJson_andTheSocketStaysOpen() {
    start();
    AgentClient agent = agent("agent-1");
    agent.sendText("this is not json");
    agent.expectError("bad_json");
    agent.sendText("[1,2,3]");
    agent.expectError("bad_json");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
  }

  @Test
  void schemaViolationIsInvalid_withTheFieldNamed() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(customerSays("c1", 2, "hello").put("speaker", "robot"));
    JsonObject error = agent.expectError("invalid");
    assertThat(error.getString("message")).isEqualTo("utterance.speaker must be one of agent, customer");
    assertThat(error.getString("callId")).isEqualTo("c1");
    assertThat(error.getLong("seq")).isEqualTo(2);
    agent.send(new JsonObject().put("type", "call.pause").put("callId", "c1").put("seq", 2).put("ts", 1));
    assertThat(agent.expectError("invalid").getString("message")).startsWith("type must be one of");
  }

  @Test
  void callStartWithSeqOtherThanOneIsInvalid() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1").put("seq", 3));
    assertThat(agent.expectError("invalid").getString("message")).isEqualTo("call.start.seq must be 1");
  }

  @Test
  void binaryFrameIsInvalidThenClosed1003() {
    start();
    AgentClient agent = agent("agent-1");
    agent.sendBinary(new byte[] {1, 2, 3});
    agent.expectError("invalid");
    assertThat(agent.awaitClose()).isEqualTo((short) 1003);
  }

  @Test
  void frameForACallNeverStartedIsUnknownCall() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(customerSays("ghost", 2, "hello?"));
    JsonObject error = agent.expectError("unknown_call");
    assertThat(error.getString("callId")).isEqualTo("ghost");
    assertThat(error.getLong("seq")).isEqualTo(2);
  }

  @Test
  void anotherAgentsCallIsForbidden_forFramesAndForCallStart() {
    start();
    AgentClient owner = agent("agent-1");
    AgentClient intruder = agent("agent-2");
    owner.send(callStart("c1"));
    owner.awaitAck("c1", 1);
    intruder.send(customerSays("c1", 2, "I am not your agent"));
    assertThat(intruder.expectError("forbidden").getString("callId")).isEqualTo("c1");
    intruder.send(callStart("c1"));
    intruder.expectError("forbidden");
    // The owner's call is untouched: its next frame is still seq 2.
    owner.send(customerSays("c1", 2, "still here"));
    owner.awaitAck("c1", 2);
  }

  @Test
  void repeatedIdenticalCallStartIsADuplicate_differentOneIsCallExists() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(customerSays("c1", 2, "hi"));
    agent.awaitAck("c1", 2);
    agent.send(callStart("c1"));
    assertThat(agent.expectSkippingCoaching("ack").getLong("seq")).isEqualTo(2);
    agent.send(callStart("c1").put("ts", 42).put("teamId", "team-b"));
    JsonObject error = agent.expectError("call_exists");
    assertThat(error.getString("callId")).isEqualTo("c1");
  }

  @Test
  void framesAfterTheEndAreCallEnded_butResendsAreAckedAgain() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(end("c1", 2));
    agent.awaitAck("c1", 2);
    agent.send(customerSays("c1", 3, "wait, one more thing"));
    assertThat(agent.expectError("call_ended").getLong("seq")).isEqualTo(3);
    agent.send(end("c1", 2));
    assertThat(agent.expectSkippingCoaching("ack").getLong("seq")).isEqualTo(2);
    agent.send(callStart("c1"));
    agent.expectError("call_ended");
  }

  @Test
  void duplicateIsAckedWithTheLastAppliedAndNotAppliedAgain_gapIsSeqGapWithExpectedSeq() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(customerSays("c1", 2, "one"));
    agent.awaitAck("c1", 2);
    agent.send(customerSays("c1", 3, "two"));
    agent.awaitAck("c1", 3);

    int scoresBefore = scores(agent);
    agent.send(customerSays("c1", 2, "one"));
    assertThat(agent.expect("ack").getLong("seq")).isEqualTo(3);
    assertThat(scores(agent)).as("a duplicate produces no score").isEqualTo(scoresBefore);

    agent.send(customerSays("c1", 6, "five"));
    JsonObject gap = agent.expectError("seq_gap");
    assertThat(gap.getLong("expectedSeq")).isEqualTo(4);
    assertThat(gap.getLong("seq")).isEqualTo(6);
    assertThat(gap.getString("callId")).isEqualTo("c1");
    agent.send(customerSays("c1", 4, "three"));
    agent.awaitAck("c1", 4);
  }

  @Test
  void floodingIsRateLimited_andDroppedFramesAreRecoveredThroughSeqGap() {
    start(new JsonObject().put("framesPerSecond", 5).put("frameBurst", 5));
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    for (int seq = 2; seq <= 12; seq++) {
      agent.send(customerSays("c1", seq, "frame " + seq));
    }
    Await.until("a rate_limited error", () -> agent.seen.stream().anyMatch(m -> "rate_limited".equals(m.getString("code"))));

    // The client goes on with its call at a pace within the budget (4 frames/s against 5): the first frame after the
    // dropped ones is refused with seq_gap, and the client resends from the expectedSeq it names.
    Pacer pacer = new Pacer(agent, 250);
    pacer.queue(13);
    JsonObject gap = Await.value("a seq_gap for frame 13", () -> agent.seen.stream()
        .filter(m -> "seq_gap".equals(m.getString("code")) && m.getLong("seq") == 13).findFirst().orElse(null));
    long expected = gap.getLong("expectedSeq");
    assertThat(expected).as("frames of the flood were dropped").isBetween(2L, 12L);
    for (long seq = expected; seq <= 13; seq++) {
      pacer.queue(seq);
    }
    Await.until("the ack of frame 13", () -> agent.seen.stream()
        .anyMatch(m -> "ack".equals(m.getString("type")) && m.getLong("seq") == 13));
    pacer.stop();

    long applied = service.calls().find("c1").orElseThrow().lastApplied().await();
    assertThat(applied).isEqualTo(13);
    // Every frame scored exactly once: none lost to the flood, none applied twice by the resend.
    assertThat(agent.seen).filteredOn(m -> "score".equals(m.getString("type")))
        .extracting(m -> m.getLong("seq")).containsExactlyElementsOf(
            java.util.stream.LongStream.rangeClosed(1, 13).boxed().toList());
  }

  /** Sends the queued frames of call c1 one per {@code periodMs}, like a client keeping to its budget. */
  private final class Pacer {
    private final java.util.concurrent.ConcurrentLinkedQueue<Long> due = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final long timer;

    Pacer(AgentClient agent, long periodMs) {
      timer = vertx.setPeriodic(periodMs, id -> {
        Long seq = due.poll();
        if (seq != null) {
          agent.send(customerSays("c1", seq, "frame " + seq));
        }
      });
    }

    void queue(long seq) {
      due.add(seq);
    }

    void stop() {
      vertx.cancelTimer(timer);
    }
  }

  @Test
  void oversizeFrameGetsTooLargeThenClose1009() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.sendText("{\"type\":\"utterance\",\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
    agent.expectError("too_large");
    assertThat(agent.awaitClose()).isEqualTo((short) 1009);
  }

  @Test
  void frameFarAboveTheLimitIsStillAnsweredWithTooLargeAnd1009() {
    start();
    AgentClient agent = agent("agent-1");
    agent.sendText("{\"pad\":\"" + "x".repeat(600 * 1024) + "\"}");
    agent.expectError("too_large");
    assertThat(agent.awaitClose()).isEqualTo((short) 1009);
  }

  @Test
  void frameAboveTheTransportLimitClosesTheSocket() {
    start();
    AgentClient agent = agent("agent-1");
    agent.sendText("{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
    // Netty sends close 1009; a client still uploading may see the TCP reset first (1006).
    assertThat(agent.awaitClose()).isIn((short) 1009, (short) 1006);
  }

  @Test
  void tooManyCallsOnOneConnection() {
    start(new JsonObject().put("maxCallsPerConnection", 2));
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(callStart("c2"));
    agent.awaitAck("c2", 1);
    agent.send(callStart("c3"));
    assertThat(agent.expectError("too_many_calls").getString("callId")).isEqualTo("c3");
    agent.send(end("c1", 2));
    agent.awaitAck("c1", 2);
    agent.send(callStart("c3"));
    agent.awaitAck("c3", 1);
  }

  @Test
  void oneClientsGarbageNeverDisturbsAnotherClientsCall() throws Exception {
    start();
    AgentClient good = agent("agent-1");
    AgentClient noisy = agent("agent-2");
    good.send(callStart("good-call"));
    good.awaitAck("good-call", 1);
    for (int i = 0; i < 20; i++) {
      noisy.sendText(i % 2 == 0 ? "garbage " + i : "{\"type\":\"utterance\",\"callId\":\"good-call\",\"seq\":2,\"ts\":1,"
          + "\"speaker\":\"customer\",\"text\":\"hijack\",\"final\":true}");
      good.send(customerSays("good-call", i + 2, "turn " + i));
    }
    good.awaitAck("good-call", 21);
    good.expectSilence(100);
    assertThat(good.seen).noneMatch(m -> "error".equals(m.getString("type")));
    assertThat(noisy.seen).filteredOn(m -> "error".equals(m.getString("type"))).hasSize(20)
        .allMatch(m -> m.getString("code").equals("bad_json") || m.getString("code").equals("forbidden"));
  }

  @Test
  void idleConnectionIsClosedButAPingAnsweringClientIsNot() throws Exception {
    start(new JsonObject().put("idleTimeout", "300ms"));
    AgentClient agent = agent("agent-1");
    // The Vert.x client answers pings with pongs, as browsers do: it must survive several idle timeouts.
    Await.holds(Duration.ofSeconds(1), "the connection stays open", () -> !agent.isClosed());
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);

    // A client that answers no ping is closed with 4408 once the idle timeout passes; the pinging one stays.
    try (SilentSocket silent = SilentSocket.upgrade(port(), "/v1/agent", agentToken("agent-2"))) {
      assertThat(silent.awaitCloseCode()).isEqualTo((short) 4408);
    }
    assertThat(agent.isClosed()).as("the pinging client is still connected").isFalse();
  }

  private static int scores(AgentClient agent) {
    return (int) agent.seen.stream().filter(m -> "score".equals(m.getString("type"))).count();
  }
}
