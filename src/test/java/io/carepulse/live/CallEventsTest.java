package io.carepulse.live;

import static io.carepulse.live.Frames.agentSays;
import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.testing.Await;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CallEventsTest extends LiveServiceTest {

  @Test
  void listenersHearACallsEventsInOrder_andAFailingListenerDisturbsNothing() throws Exception {
    start();
    List<String> heard = new CopyOnWriteArrayList<>();
    service.calls().addListener(event -> {
      throw new IllegalStateException("a broken listener");
    });
    service.calls().addListener(event -> heard.add(describe(event)));
    AgentClient agent = agent("agent-1");

    agent.send(callStart("c1"));
    agent.awaitAck("c1", 1);
    agent.send(customerSays("c1", 2, "This is ridiculous, I want to cancel my account"));
    agent.awaitAck("c1", 2);
    service.calls().whisper("c1", "supervisor-1", "Acknowledge first").await(5, TimeUnit.SECONDS);
    agent.send(agentSays("c1", 3, "I'm so sorry, let me fix this for you right now"));
    agent.awaitAck("c1", 3);
    agent.send(end("c1", 4));
    agent.awaitAck("c1", 4);
    Await.until("the call's seven events", () -> heard.size() >= 7);

    assertThat(heard).containsExactly("started", "applied call.start 1 scored", "applied utterance 2 scored",
        "whispered DELIVERED", "applied utterance 3 scored", "applied call.end 4 scored", "ended resolved");
  }

  private static String describe(CallEvent event) {
    if (event instanceof CallEvent.Started) {
      return "started";
    }
    if (event instanceof CallEvent.Applied applied) {
      return "applied " + applied.frame().type() + " " + applied.frame().seq()
          + (applied.step().score().isPresent() ? " scored" : "");
    }
    if (event instanceof CallEvent.Whispered whispered) {
      return "whispered " + whispered.outcome();
    }
    return "ended " + ((CallEvent.Ended) event).ended().reason();
  }
}
