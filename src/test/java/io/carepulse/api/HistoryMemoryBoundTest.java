package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-memory store keeps ended calls within a byte bound (docs/reliability.md, "Ended-call history in memory"):
 * calls with long transcripts end one after another, far more than fit in 1 MB.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HistoryMemoryBoundTest extends RestServiceTest {

  private static final int CALLS = 40;
  private static final int UTTERANCES = 10;
  private static final long BOUND = 1024 * 1024;

  @Override
  JsonObject overrides() {
    return new JsonObject().put("historyMemoryMb", 1).put("restRequestsPerSecond", 1_000);
  }

  @Test
  void manyEndedCallsWithLongTranscripts_stayWithinTheBound_newestReadable_evictedOnesSaySo() {
    for (int c = 0; c < CALLS; c++) {
      String callId = "long-" + c;
      List<JsonObject> frames = new ArrayList<>();
      frames.add(callStart(callId, "team-a"));
      for (int u = 0; u < UTTERANCES; u++) {
        frames.add(u % 2 == 0 ? customerSays(callId, u + 2, longText(c, u)) : agentSays(callId, u + 2, longText(c, u)));
      }
      frames.add(end(callId, UTTERANCES + 2));
      // A few frames per request: each long utterance is scored before the answer, and the box may be busy.
      for (int from = 0; from < frames.size(); from += 3) {
        feed(callId, integrator, "agent-1", frames.subList(from, Math.min(frames.size(), from + 3))
            .toArray(JsonObject[]::new));
      }
      flushHistory();
      // Checked after every call, not only at the end: the bound holds all along.
      assertThat(metric("carepulse_history_memory_bytes")).as("estimate after call %d", c).isLessThanOrEqualTo(BOUND);
    }
    // Each call keeps ~33 KB of transcript text alone; 40 of them cannot all be held in 1 MB.
    double evicted = metric("carepulse_history_memory_evicted_calls_total");
    assertThat(evicted).isGreaterThan(0).isLessThan(CALLS);
    assertThat(metric("carepulse_history_memory_max_bytes")).isEqualTo(BOUND);

    // The newest call is whole: every line of its transcript, its timeline.
    String newest = "long-" + (CALLS - 1);
    JsonArray lines = get("getCallTranscript", "/v1/calls/" + newest + "/transcript", integrator).bodyAsJsonObject()
        .getJsonArray("utterances");
    assertThat(lines).hasSize(UTTERANCES);
    assertThat(lines.getJsonObject(UTTERANCES - 1).getString("text")).isEqualTo(longText(CALLS - 1, UTTERANCES - 1));
    assertThat(get("getCall", "/v1/calls/" + newest, supervisorA).bodyAsJsonObject().getString("state"))
        .isEqualTo("ended");

    // The oldest is gone, and says so to whoever may read it, on every call endpoint; listings skip it.
    HttpResponse<Buffer> gone = get("getCall", "/v1/calls/long-0", supervisorA);
    assertThat(gone.statusCode()).isEqualTo(404);
    JsonObject problem = gone.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(Problem.BASE + "call-evicted");
    assertThat(problem.getString("detail")).contains("long-0", "evicted", "CAREPULSE_HISTORY_MEMORY_MB");
    assertThat(get("getCallTranscript", "/v1/calls/long-0/transcript", integrator).bodyAsJsonObject()
        .getString("type")).isEqualTo(Problem.BASE + "call-evicted");
    assertThat(ids("/v1/calls?limit=100")).contains(newest).doesNotContain("long-0")
        .hasSize(CALLS - (int) evicted);

    // Another team's supervisor learns nothing: the same 404 as for an id that never existed.
    JsonObject outOfScope = get("getCall", "/v1/calls/long-0", supervisorB).bodyAsJsonObject();
    JsonObject never = get("getCall", "/v1/calls/never-was", supervisorB).bodyAsJsonObject();
    assertThat(outOfScope.getString("type")).isEqualTo(Problem.BASE + "not-found");
    assertThat(outOfScope.getString("detail")).isEqualTo("no call long-0");
    assertThat(never.getString("detail")).isEqualTo("no call never-was");
  }

  /** ~3,300 characters of plausible speech, different for every call and line. */
  private static String longText(int call, int line) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 3_300; i++) {
      text.append(line % 2 == 0 ? "I have been waiting for the refund on order " : "I understand, let me check order ")
          .append(call * 1000 + line * 50 + i).append(" and see what happened there. ");
    }
    return text.toString();
  }

  private List<String> ids(String uri) {
    List<String> ids = new ArrayList<>();
    get("listCalls", uri, integrator).bodyAsJsonObject().getJsonArray("items")
        .forEach(item -> ids.add(((JsonObject) item).getString("callId")));
    return ids;
  }

  private double metric(String name) {
    HttpResponse<Buffer> metrics = get(null, "/metrics", admin);
    assertThat(metrics.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics.bodyAsString());
    assertThat(m.find()).as("metric %s in /metrics", name).isTrue();
    return Double.parseDouble(m.group(2));
  }
}
