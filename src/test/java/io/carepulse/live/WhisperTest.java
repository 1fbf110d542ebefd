package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.testing.Await;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class WhisperTest extends LiveServiceTest {

  @Test
  void supervisorWhisperReachesTheCallsAgent() throws Exception {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    WhisperOutcome outcome = service.calls().whisper("c1", "supervisor-1", "Offer the loyalty credit").await(5, TimeUnit.SECONDS);
    assertThat(outcome).isEqualTo(WhisperOutcome.DELIVERED);
    JsonObject whisper = agent.expectSkippingCoaching("whisper");
    assertThat(whisper.getString("callId")).isEqualTo("c1");
    assertThat(whisper.getString("from")).isEqualTo("supervisor-1");
    assertThat(whisper.getString("text")).isEqualTo("Offer the loyalty credit");
  }

  @Test
  void whisperFromAnEventLoopOfAnotherCallIsDeliveredToo() throws Exception {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    java.util.concurrent.CompletableFuture<WhisperOutcome> outcome = new java.util.concurrent.CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> service.calls().whisper("c1", "supervisor-1", "nice save")
        .onComplete(r -> outcome.complete(r.result())));
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(WhisperOutcome.DELIVERED);
    assertThat(agent.expectSkippingCoaching("whisper").getString("text")).isEqualTo("nice save");
  }

  @Test
  void whisperWhileTheAgentReconnectsIsHeldAndDeliveredOnResume() throws Exception {
    start();
    AgentClient first = agent("agent-1");
    first.send(callStart("c1"));
    first.awaitAck("c1", 1);
    first.drop();
    Await.until("the server to see the connection go", () -> service.gateway().connections() == 0);
    assertThat(service.calls().whisper("c1", "supervisor-1", "breathe").await(5, TimeUnit.SECONDS))
        .isEqualTo(WhisperOutcome.HELD);
    AgentClient second = agent("agent-1");
    second.send(Frames.hello(null, "c1", 1));
    second.expect("welcome");
    assertThat(second.expect("whisper").getString("text")).isEqualTo("breathe");
  }

  @Test
  void whisperToNoLiveCall() throws Exception {
    start();
    assertThat(service.calls().whisper("nope", "supervisor-1", "hi").await(5, TimeUnit.SECONDS))
        .isEqualTo(WhisperOutcome.NO_LIVE_CALL);
  }
}
