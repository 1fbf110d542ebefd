package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.carepulse.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ResumeTest extends LiveServiceTest {

  @Test
  void droppedConnection_resumeGivesNextSeq_nothingLostNothingAppliedTwice() throws Exception {
    start();
    AgentClient first = agent("agent-1");
    first.send(callStart("c1"));
    for (int seq = 2; seq <= 5; seq++) {
      first.send(customerSays("c1", seq, "turn " + seq));
    }
    first.awaitAck("c1", 5);
    // Two more frames go out and the network drops before their acks are seen.
    first.send(customerSays("c1", 6, "turn 6"));
    first.send(customerSays("c1", 7, "turn 7"));
    first.drop();

    AgentClient second = keep(AgentClient.connect(vertx, port(), null));
    second.send(Frames.hello(agentToken("agent-1"), "c1", 5));
    JsonObject welcome = second.expect("welcome");
    JsonArray resume = welcome.getJsonArray("resume");
    assertThat(resume).hasSize(1);
    long nextSeq = resume.getJsonObject(0).getLong("nextSeq");
    assertThat(nextSeq).isBetween(6L, 8L);

    // A careful client resends everything after its last seen ack; the server must not apply any frame twice.
    for (int seq = 6; seq <= 10; seq++) {
      second.send(customerSays("c1", seq, "turn " + seq));
    }
    second.awaitAck("c1", 10);
    List<Long> scored = second.seen.stream().filter(m -> "score".equals(m.getString("type")))
        .map(m -> m.getLong("seq")).collect(Collectors.toList());
    List<Long> expected = new java.util.ArrayList<>();
    for (long seq = nextSeq; seq <= 10; seq++) {
      expected.add(seq);
    }
    assertThat(scored).as("each frame from nextSeq scored exactly once, none before").isEqualTo(expected);
    CallSession session = service.calls().find("c1").orElseThrow();
    assertThat(session.lastApplied().await(5, TimeUnit.SECONDS)).isEqualTo(10);

    second.send(end("c1", 11));
    second.awaitAck("c1", 11);
    // The ack of call.end goes out just before the call is recorded as ended.
    Await.until("the call to be recorded as ended", () -> service.calls().endedCalls().find("c1").isPresent());
    assertThat(service.calls().endedCalls().find("c1").orElseThrow().lastSeq()).isEqualTo(11);
  }

  @Test
  void resumeWithTheHeaderTokenIsAHelloWithoutToken() {
    start();
    AgentClient first = agent("agent-1");
    first.send(callStart("c1"));
    first.awaitAck("c1", 1);
    first.drop();
    AgentClient second = agent("agent-1");
    second.send(Frames.hello(null, "c1", 1));
    JsonObject welcome = second.expect("welcome");
    assertThat(welcome.getJsonArray("resume").getJsonObject(0).getLong("nextSeq")).isEqualTo(2);
    second.send(customerSays("c1", 2, "back again"));
    second.awaitAck("c1", 2);
  }

  @Test
  void anAgentCannotResumeAnotherAgentsCall() {
    start();
    AgentClient owner = agent("agent-1");
    owner.send(callStart("c1"));
    owner.awaitAck("c1", 1);
    AgentClient other = keep(AgentClient.connect(vertx, port(), null));
    other.send(Frames.hello(agentToken("agent-2"), "c1", 1));
    assertThat(other.expect("welcome").getJsonArray("resume")).isEmpty();
    JsonObject error = other.expectError("forbidden");
    assertThat(error.getString("callId")).isEqualTo("c1");
  }

  @Test
  void resumingUnknownOrEndedCallsIsReportedPerCall() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("done"));
    agent.awaitAck("done", 1);
    agent.send(end("done", 2));
    agent.awaitAck("done", 2);
    agent.send(new JsonObject().put("type", "hello").put("resume", new JsonArray()
        .add(new JsonObject().put("callId", "done").put("lastSeq", 2))
        .add(new JsonObject().put("callId", "never").put("lastSeq", 0))));
    assertThat(agent.expect("welcome").getJsonArray("resume")).isEmpty();
    assertThat(agent.expectError("call_ended").getString("callId")).isEqualTo("done");
    assertThat(agent.expectError("unknown_call").getString("callId")).isEqualTo("never");
  }

  @Test
  void agentThatNeverComesBackEndsTheCallAsDisconnected_afterTheResumeWindow() throws Exception {
    start(new JsonObject().put("resumeWindow", "200ms"));
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.send(customerSays("c1", 2, "hello?"));
    agent.awaitAck("c1", 2);
    agent.drop();
    assertThat(service.calls().find("c1")).as("still open within the window").isPresent();
    Await.until(Duration.ofSeconds(3), "the call to end", () -> service.calls().find("c1").isEmpty());
    EndedCall ended = service.calls().endedCalls().find("c1").orElseThrow();
    assertThat(ended.reason()).isEqualTo("disconnected");
    assertThat(ended.lastSeq()).isEqualTo(2);
    assertThat(ended.summary()).isNotNull();

    AgentClient late = agent("agent-1");
    late.send(Frames.hello(null, "c1", 2));
    assertThat(late.expect("welcome").getJsonArray("resume")).isEmpty();
    assertThat(late.expectError("call_ended").getString("message")).contains("disconnected");
  }

  @Test
  void resumeWithinTheWindowKeepsTheCallOpenPastIt() throws Exception {
    start(new JsonObject().put("resumeWindow", "300ms"));
    AgentClient first = agent("agent-1");
    first.send(callStart("c1"));
    first.awaitAck("c1", 1);
    first.drop();
    AgentClient second = agent("agent-1");
    second.send(Frames.hello(null, "c1", 1));
    second.expect("welcome");
    Await.holds(Duration.ofMillis(500), "the call stays open past the window", () -> service.calls().find("c1").isPresent());
    assertThat(service.calls().find("c1")).isPresent();
    second.send(customerSays("c1", 2, "still talking"));
    second.awaitAck("c1", 2);
  }
}
