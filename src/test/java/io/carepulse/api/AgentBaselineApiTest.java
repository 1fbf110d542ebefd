package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Agent baselines through the service: the calls an agent ends make their normal, and the next call judges their
 * pace by it — a habitually fast agent is not told to slow down, a new agent at the same pace is.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AgentBaselineApiTest extends RestServiceTest {

  private static final long HOUR = 3_600_000L;

  /** A call of {@code agentId} starting {@code hour} hours after T0: a minute at {@code wordsPerMin}, then the end. */
  private void fastCall(String callId, String agentId, int hour, double wordsPerMin) {
    long start = T0 + hour * HOUR;
    List<JsonObject> frames = new ArrayList<>();
    frames.add(callStart(callId, "team-a").put("ts", start));
    for (int i = 1; i <= 30; i++) {
      frames.add(new JsonObject().put("type", "acoustic").put("callId", callId).put("seq", 1 + i)
          .put("ts", start + i * 2000L).put("speaker", "agent").put("windowMs", 2000).put("rmsDb", -25.0)
          .put("voicedRatio", 0.6).put("wordsPerMin", wordsPerMin));
    }
    frames.add(new JsonObject().put("type", "call.end").put("callId", callId).put("seq", 32)
        .put("ts", start + 62_000).put("reason", "resolved"));
    feed(callId, integrator, agentId, frames.toArray(JsonObject[]::new));
    flushHistory();
  }

  private long slowDowns(String callId) {
    return get("getCallPrompts", "/v1/calls/" + callId + "/prompts", integrator).bodyAsJsonObject()
        .getJsonArray("prompts").stream().filter(p -> "slow_down".equals(((JsonObject) p).getString("kind")))
        .count();
  }

  @Test
  void aHabituallyFastAgentIsJudgedByTheirOwnNormal_aNewAgentByTheFixedThreshold() {
    for (int c = 1; c <= 5; c++) {
      fastCall("b" + c, "agent-1", c, 208 + c % 3);
    }
    assertThat(slowDowns("b1")).as("their first calls, judged by the fixed 190 wpm").isEqualTo(1);

    fastCall("b6", "agent-1", 6, 210);
    fastCall("n1", "agent-3", 6, 210);
    assertThat(slowDowns("b6")).as("their usual pace, after five calls at it").isZero();
    assertThat(slowDowns("n1")).as("a new agent at the same pace").isEqualTo(1);

    fastCall("b7", "agent-1", 7, 250);
    assertThat(slowDowns("b7")).as("well beyond their normal").isEqualTo(1);
  }
}
