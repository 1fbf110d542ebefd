package io.carepulse.live;

import static io.carepulse.live.Frames.agentSays;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static io.carepulse.live.Frames.hold;
import static io.carepulse.live.Frames.callStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class AgentCallTest extends LiveServiceTest {

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void aCallEndToEnd_startUtterancesEventEnd_eachFrameAckedAndScored() {
    start();
    AgentClient agent = agent("agent-1");

    agent.send(callStart("call-1"));
    agent.awaitAck("call-1", 1);
    agent.send(customerSays("call-1", 2, "Hi, my internet has been down since Monday."));
    agent.awaitAck("call-1", 2);
    agent.send(agentSays("call-1", 3, "I'm sorry to hear that, Dana. Let me check your line right now."));
    agent.awaitAck("call-1", 3);
    agent.send(hold("call-1", 4));
    agent.awaitAck("call-1", 4);
    agent.send(end("call-1", 5));
    agent.awaitAck("call-1", 5);

    // Every final utterance, event and call.start is followed by a score for exactly that frame.
    for (long seq = 1; seq <= 5; seq++) {
      long s = seq;
      assertThat(agent.seen).as("score for seq %d", s)
          .anyMatch(m -> m.getString("type").equals("score") && m.getLong("seq") == s);
    }
    JsonObject score = agent.seen.stream().filter(m -> m.getString("type").equals("score")).findFirst().orElseThrow();
    assertThat(score.getString("callId")).isEqualTo("call-1");
    assertThat(score.getInteger("score")).isBetween(0, 100);
    assertThat(score.getInteger("callScore")).isBetween(0, 100);
    assertThat(score.getJsonObject("parts").fieldNames())
        .contains("emotion", "empathy", "ownership", "listening", "responsiveness", "personal");
    assertThat(score.getString("model")).isNotBlank();
    assertThat(score.getJsonArray("reasons")).isNotNull();

    EndedCall ended = service.calls().endedCalls().find("call-1").orElseThrow();
    assertThat(ended.reason()).isEqualTo("resolved");
    assertThat(ended.agentId()).isEqualTo("agent-1");
    assertThat(ended.lastSeq()).isEqualTo(5);
    assertThat(ended.summary().callId()).isEqualTo("call-1");
    assertThat(service.calls().activeCalls()).isZero();
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void angryCustomerGetsNoAcknowledgement_agentIsPromptedToAcknowledgeFeelings() {
    start();
    AgentClient agent = agent("agent-1");
    agent.send(callStart("call-2"));
    agent.awaitAck("call-2", 1);
    agent.send(customerSays("call-2", 2, "This is ridiculous! I am furious, I have called five times and nobody helps me!"));
    agent.awaitAck("call-2", 2);
    agent.send(agentSays("call-2", 3, "What is your account number."));
    agent.awaitAck("call-2", 3);
    agent.send(customerSays("call-2", 4, "I am so angry and frustrated, this is the worst service ever!"));
    agent.awaitAck("call-2", 4);
    agent.send(agentSays("call-2", 5, "That's not my department."));
    agent.awaitAck("call-2", 5);
    agent.send(customerSays("call-2", 6, "Unbelievable. I'm done with you people, this is terrible."));
    agent.awaitAck("call-2", 6);
    // Prompts follow the ack and score of their frame: give the last one a moment to arrive.
    agent.send(end("call-2", 7));
    agent.awaitAck("call-2", 7);

    assertThat(agent.seen).anyMatch(m -> m.getString("type").equals("prompt")
        && m.getString("callId").equals("call-2") && !m.getString("text").isBlank() && m.getString("promptId") != null);
  }
}
