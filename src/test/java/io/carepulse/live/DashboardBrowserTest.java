package io.carepulse.live;

import static io.carepulse.live.Frames.agentSays;
import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core (src/test/browser/
 * dashboard.mjs). The script signs in with a supervisor token; this test drives ten calls through the agent endpoint.
 * The page must show the calls, a changing score and an escalation alert that stays in view, priorities in words,
 * keyboard navigation, a whisper that reaches the agent's socket, an ended call that lingers with its final score
 * for the configured time and then leaves, and a layout that works at 420 px. Saves target/screenshots/board.png,
 * call-detail.png, board-narrow.png, call-detail-narrow.png and signed-out.png.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DashboardBrowserTest extends LiveServiceTest {

  @Test
  void aSupervisorSeesTheBoardAtAGlance_worksItByKeyboard_whispers_andSeesAnEndedCallLinger() throws Exception {
    start(new JsonObject().put("dashboardLinger", "4s"));
    try (BrowserScript browser = BrowserScript.start("dashboard.mjs", Map.of(
        "BASE_URL", "http://127.0.0.1:" + port() + "/",
        "TOKEN", token("supervisor-1", Role.SUPERVISOR),
        "CALL_ID", "call-7"))) {
      browser.await("signed-in");
      AgentClient maria = agent("agent-1");
      AgentClient sam = agent("agent-2");
      AgentClient lee = agent("agent-3");
      AgentClient kim = agent("agent-4");
      maria.send(callStart("call-7").put("customer", new JsonObject().put("name", "Dana Whitfield")));
      maria.awaitAck("call-7", 1);
      maria.send(agentSays("call-7", 2, "Thank you for calling Harper Valley Bank, how can I help?"));
      maria.awaitAck("call-7", 2);
      startCalmCall(sam, "call-3", "Greg Hall");
      startRecoveringCall(lee);
      for (int i = 0; i < 7; i++) {
        startCalmCall(kim, "call-2" + i, "Customer " + (char) ('A' + i));
      }
      browser.await("call-visible");

      maria.send(customerSays("call-7", 3, "This is ridiculous! You charged my card twice and nobody fixed it."));
      maria.awaitAck("call-7", 3);
      maria.send(agentSays("call-7", 4, "That's not my department, there's nothing I can do."));
      maria.awaitAck("call-7", 4);
      maria.send(customerSays("call-7", 5, "I've had enough. I want to speak to a manager right now."));
      maria.awaitAck("call-7", 5);
      browser.proceed("continue");

      JsonObject changed = browser.await("score-changed");
      assertThat(changed.getString("to")).isNotEqualTo(changed.getString("from"));
      browser.await("alert-shown");
      browser.await("priority-and-feeds-in-view");
      browser.await("keyboard");
      browser.await("whispered");
      JsonObject whisper = maria.expectSkippingCoaching("whisper");
      assertThat(whisper.getString("text")).isEqualTo("Offer the goodwill credit now");
      assertThat(whisper.getString("from")).isEqualTo("supervisor-1");

      maria.send(Frames.end("call-7", 6));
      maria.awaitAck("call-7", 6);
      int finalScore = service.calls().endedCalls().find("call-7").orElseThrow().summary().score();
      browser.proceed("ended " + finalScore);
      assertThat(browser.await("ended-shown").getString("score")).isEqualTo(Integer.toString(finalScore));
      browser.await("ended-gone");
      browser.await("narrow");
      browser.await("done");
      browser.finish();
    }
    for (String picture : List.of("board.png", "call-detail.png", "board-narrow.png", "call-detail-narrow.png")) {
      assertThat(BrowserScript.SCREENSHOTS.resolve(picture)).exists();
    }
  }

  /** A pleasant call, so the page shows more than one row. */
  private static void startCalmCall(AgentClient agent, String callId, String customer) {
    agent.send(callStart(callId).put("customer", new JsonObject().put("name", customer)));
    agent.send(agentSays(callId, 2, "Good morning, thanks for calling, how can I help you today?"));
    agent.send(customerSays(callId, 3, "Hi, I'd like to update the address on my account please."));
    agent.send(agentSays(callId, 4, "Of course, I'll update that for you right now. What is the new address?"));
    agent.send(customerSays(callId, 5, "Great, thank you so much, that is really helpful."));
    agent.awaitAck(callId, 5);
  }

  /** A customer who was upset and is coming round. */
  private static void startRecoveringCall(AgentClient agent) {
    List<JsonObject> frames = SupervisorFeedTest.scenario("angry-acknowledged-recovers", "call-12");
    frames.subList(0, 8).forEach(agent::send);
    agent.awaitAck("call-12", 8);
  }
}
