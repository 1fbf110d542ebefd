package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallContext;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.AgentPace;
import io.carepulse.score.CallerHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The call.context line reads back as the context that wrote it, and a broken one says which field is wrong. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallContextJsonTest {

  private static final CallContext REMEMBERED = new CallContext("care-2",
      new CallerHistory(List.of(new CallerHistory.PriorCall("c0", 1_000, 61_000, 31, 35, false, "billing"),
          new CallerHistory.PriorCall("c-1", 500, 900, 70, 72, null, null))),
      new AgentBaseline(List.of(new AgentPace(182.5, 190.0, 0.61), new AgentPace(null, null, 0.4))),
      new Holdout.Assignment("exp-1", Holdout.Arm.CONTROL));

  @Test
  void aContextRoundTrips_asALineAndAsStored() {
    JsonObject line = CallContextJson.line("c1", REMEMBERED);

    assertThat(line.getString("type")).isEqualTo("call.context");
    assertThat(line.getString("callId")).isEqualTo("c1");
    assertThat(CallContextJson.isLine(line)).isTrue();
    assertThat(CallContextJson.decode(line)).isEqualTo(REMEMBERED);
    assertThat(CallContextJson.decode(new JsonObject(CallContextJson.encode(REMEMBERED).encode())))
        .isEqualTo(REMEMBERED);
  }

  @Test
  void nothingRemembered_readsBackAsNothingRemembered() {
    CallContext fresh = new CallContext("care-1", CallerHistory.NONE, AgentBaseline.NONE, null);

    JsonObject json = CallContextJson.encode(fresh);

    assertThat(json.containsKey("holdout")).isFalse();
    assertThat(CallContextJson.decode(json)).isEqualTo(fresh);
    assertThat(CallContextJson.decode(new JsonObject().put("model", "care-2")).history().isEmpty()).isTrue();
  }

  @Test
  void aFrameIsNotAContextLine() {
    assertThat(CallContextJson.isLine(new JsonObject().put("type", "call.start"))).isFalse();
  }

  @Test
  void aBrokenContext_namesTheField() {
    JsonObject noScore = CallContextJson.encode(REMEMBERED);
    noScore.getJsonArray("customerCalls").getJsonObject(0).remove("score");
    assertThatThrownBy(() -> CallContextJson.decode(noScore)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("call.context: score is required");

    JsonObject badArm = CallContextJson.encode(REMEMBERED);
    badArm.getJsonObject("holdout").put("arm", "sideways");
    assertThatThrownBy(() -> CallContextJson.decode(badArm)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("call.context: ");

    JsonObject notAList = CallContextJson.encode(REMEMBERED).put("customerCalls", new JsonObject());
    assertThatThrownBy(() -> CallContextJson.decode(notAList)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("call.context: ");

    JsonObject notObjects = CallContextJson.encode(REMEMBERED).put("agentCalls", new JsonArray().add(3));
    assertThatThrownBy(() -> CallContextJson.decode(notObjects)).isInstanceOf(IllegalArgumentException.class);
  }
}
