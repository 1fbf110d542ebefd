package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CoreConfig;
import io.carepulse.replay.Replay;
import io.carepulse.wire.FrameReader;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18, and "the same code live and in offline replay": a call exported by {@code GET /v1/calls/{callId}/frames}
 * replays exactly as it ran live, care memory included, because the export begins with what the call started from.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallExportTest extends RestServiceTest {

  /** An hour after the first call: the customer's second call, in which the agent takes ownership. */
  private static final long LATER = T0 + 3_600_000;

  private void secondCall() {
    wholeCall("x1", "agent-1", "team-a");
    assertThat(call("postCallOutcome", HttpMethod.POST, "/v1/calls/x1/outcome", integrator,
        new JsonObject().put("csat", 1).put("resolved", false).put("source", "survey"),
        Map.of("Idempotency-Key", "survey-x1")).statusCode()).isEqualTo(201);
    feed("x2", integrator, "agent-1", callStart("x2", "team-a").put("ts", LATER),
        at(customerSays("x2", 2, "this is the third time i have called about the double charge and nobody fixed it")),
        at(agentSays("x2", 3, "i am sorry you had to call again, i will refund the second charge myself today")),
        at(customerSays("x2", 4, "ok thank you that actually helps")),
        at(end("x2", 5)));
    flushHistory();
  }

  private static JsonObject at(JsonObject frame) {
    return frame.put("ts", LATER + frame.getLong("seq") * 3000);
  }

  private List<String> export(String callId, String token) {
    var response = get("getCallFrames", "/v1/calls/" + callId + "/frames", token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/x-ndjson");
    return Arrays.stream(response.bodyAsString().split("\n")).filter(line -> !line.isBlank()).toList();
  }

  /** The score messages an offline replay of {@code lines} writes, as (seq, score, callScore). */
  private static List<List<Integer>> replayedScores(List<String> lines) throws Exception {
    StringWriter out = new StringWriter();
    List<Replay.BadLine> bad = new ArrayList<>();
    new Replay(CoreConfig.forModel("care-2"), FrameReader.load(), false)
        .run(new BufferedReader(new StringReader(String.join("\n", lines))), new PrintWriter(out), bad::add);
    assertThat(bad).isEmpty();
    return out.toString().lines().map(JsonObject::new).filter(m -> "score".equals(m.getString("type")))
        .map(m -> List.of(m.getInteger("seq"), m.getInteger("score"), m.getInteger("callScore"))).toList();
  }

  private List<List<Integer>> liveScores(String callId) {
    JsonArray points = get("getCallTimeline", "/v1/calls/" + callId + "/timeline", integrator).bodyAsJsonObject()
        .getJsonArray("points");
    return points.stream().map(p -> (JsonObject) p)
        .map(p -> List.of(p.getInteger("seq"), p.getInteger("score"), p.getInteger("callScore"))).toList();
  }

  @Test
  void theExportStartsWithWhatTheCallStartedFrom_thenEveryFrameInSeqOrder() {
    secondCall();

    List<String> lines = export("x2", integrator);

    JsonObject context = new JsonObject(lines.get(0));
    assertThat(context.getString("type")).isEqualTo("call.context");
    assertThat(context.getString("callId")).isEqualTo("x2");
    assertThat(context.getString("model")).isEqualTo("care-2");
    JsonObject prior = context.getJsonArray("customerCalls").getJsonObject(0);
    assertThat(prior.getString("callId")).isEqualTo("x1");
    assertThat(prior.getBoolean("resolved")).as("the outcome posted for the first call").isFalse();
    assertThat(lines.subList(1, lines.size()).stream().map(JsonObject::new).map(f -> f.getInteger("seq")))
        .containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aRememberedCallReplaysExactlyAsItRanLive_andWithoutItsContextItWouldNot() throws Exception {
    secondCall();
    List<String> lines = export("x2", integrator);

    List<List<Integer>> live = liveScores("x2");
    assertThat(live).isNotEmpty();
    assertThat(replayedScores(lines)).as("replayed from the export").isEqualTo(live);
    assertThat(replayedScores(lines.subList(1, lines.size())))
        .as("the same frames replayed as a first call: the memory prior is what made the difference")
        .isNotEqualTo(live);
  }

  @Test
  void onlyWhoMayReadTheCallMayExportIt() {
    secondCall();
    assertThat(get("getCallFrames", "/v1/calls/x2/frames", supervisorB).statusCode()).isIn(403, 404);
    assertThat(get("getCallFrames", "/v1/calls/x2/frames", null).statusCode()).isEqualTo(401);
    assertThat(export("x2", supervisorA)).hasSize(6);
    assertThat(get("getCallFrames", "/v1/calls/nope/frames", integrator).statusCode()).isEqualTo(404);
  }
}
