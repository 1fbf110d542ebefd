package io.carepulse.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallContext;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.CallerHistory;
import io.carepulse.wire.CallContextJson;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Offline replay starts a call from its call.context line, as the live service started it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReplayContextTest {

  private static final long T0 = 1_700_000_000_000L;

  private final List<Replay.BadLine> bad = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private List<JsonObject> replay(String... lines) throws Exception {
    StringWriter out = new StringWriter();
    new Replay(CoreConfig.forModel("care-2"), FrameReader.load(), false).onNote(notes::add)
        .run(new BufferedReader(new StringReader(String.join("\n", lines))), new PrintWriter(out), bad::add);
    return out.toString().lines().map(JsonObject::new).toList();
  }

  private static String start() {
    return new JsonObject().put("type", "call.start").put("callId", "c1").put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("id", "cu-1")).put("teamId", "team-a").encode();
  }

  private static String customer(long seq, String text) {
    return new JsonObject().put("type", "utterance").put("callId", "c1").put("seq", seq).put("ts", T0 + seq * 3000)
        .put("speaker", "customer").put("text", text).put("final", true).encode();
  }

  private static String context(String model, Holdout.Assignment holdout) {
    CallerHistory unresolved = new CallerHistory(List.of(new CallerHistory.PriorCall("c0", T0 - 86_400_000,
        T0 - 86_000_000, 30, 34, false, "billing")));
    return CallContextJson.line("c1", new CallContext(model, unresolved, AgentBaseline.NONE, holdout)).encode();
  }

  private static List<String> types(List<JsonObject> messages) {
    return messages.stream().map(m -> m.getString("type")).toList();
  }

  private static int firstScore(List<JsonObject> messages) {
    return messages.stream().filter(m -> "score".equals(m.getString("type"))).findFirst().orElseThrow()
        .getInteger("score");
  }

  @Test
  void aRememberedCaller_startsLower_andTheAgentGetsTheContextLine() throws Exception {
    int asFirstCall = firstScore(replay(start(), customer(2, "my bill is wrong again")));
    List<JsonObject> remembered = replay(context("care-2", null), start(), customer(2, "my bill is wrong again"));

    assertThat(bad).isEmpty();
    assertThat(firstScore(remembered)).isLessThan(asFirstCall);
    assertThat(remembered.stream().filter(m -> "prompt".equals(m.getString("type"))).map(m -> m.getString("text")))
        .contains("Second call this week about billing; last call ended unresolved.");
    assertThat(notes).isEmpty();
  }

  @Test
  void aControlArmCall_replaysWithoutPrompts() throws Exception {
    List<JsonObject> control = replay(context("care-2", new Holdout.Assignment("exp-1", Holdout.Arm.CONTROL)),
        start(), customer(2, "this is ridiculous, i have called three times and nobody helps"));

    assertThat(types(control)).contains("score").doesNotContain("prompt");
    assertThat(control.get(control.size() - 1).getJsonObject("holdout").getString("arm")).isEqualTo("control");
  }

  @Test
  void aContextAfterItsCallStarted_isRefused_andTheCallGoesOn() throws Exception {
    List<JsonObject> messages = replay(start(), context("care-2", null), customer(2, "hello"));

    assertThat(bad).singleElement().satisfies(line -> {
      assertThat(line.lineNumber()).isEqualTo(2);
      assertThat(line.error().code()).isEqualTo(ErrorCode.INVALID);
      assertThat(line.error().message()).contains("before the call.start");
    });
    assertThat(types(messages)).contains("score", "call.summary");
  }

  @Test
  void aCallScoredLiveByAnotherModel_isReplayedWithThisOne_andTheOperatorIsTold() throws Exception {
    replay(context("care-1", null), start());

    assertThat(bad).isEmpty();
    assertThat(notes).singleElement().asString().contains("model care-1").contains("--model care-1");
  }
}
