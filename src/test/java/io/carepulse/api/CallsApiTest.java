package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.testing.Await;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallsApiTest extends RestServiceTest {

  @Test
  void anEndedCall_isListedAndReadWithItsSummaryTimelineRedactedTranscriptAlertsAndKudos() {
    wholeCall("c1", "agent-1", "team-a");
    vertx.eventBus().publish("carepulse.alerts", new JsonObject().put("type", "alert.raised").put("alertId", "a-1")
        .put("callId", "c1").put("agentId", "agent-1").put("teamId", "team-a").put("kind", "low_score")
        .put("severity", "warning").put("message", "Score below 35 for 20 s").put("seq", 2).put("callTimeMs", 6000)
        .put("at", "2026-11-02T09:00:06Z"));
    vertx.eventBus().publish("carepulse.kudos", new JsonObject().put("type", "kudos.awarded").put("kudosId", "k-1")
        .put("callId", "c1").put("agentId", "agent-1").put("teamId", "team-a").put("reason", "recovery")
        .put("message", "Turned it around").put("score", 70).put("callScore", 60).put("minScore", 30)
        .put("at", 1_762_074_000_000L));
    JsonObject call = eventually(() -> {
      JsonObject body = get("getCall", "/v1/calls/c1", integrator).bodyAsJsonObject();
      return body.getJsonArray("alerts").size() == 1 && body.getJsonArray("kudos").size() == 1 ? body : null;
    });

    assertThat(call.getString("state")).isEqualTo("ended");
    assertThat(call.getString("agentId")).isEqualTo("agent-1");
    assertThat(call.getString("endReason")).isEqualTo("resolved");
    assertThat(call.getJsonObject("summary").getInteger("callScore")).isEqualTo(call.getInteger("callScore"));
    assertThat(call.getJsonObject("parts").fieldNames()).contains("empathy", "ownership");
    assertThat(call.getJsonObject("summary").getJsonObject("recovery").getInteger("minScore")).isNotNull();
    assertThat(call.getJsonArray("alerts").getJsonObject(0).getString("kind")).isEqualTo("low_score");
    assertThat(call.getJsonArray("kudos").getJsonObject(0).getString("message")).isEqualTo("Turned it around");

    JsonArray items = get("listCalls", "/v1/calls", integrator).bodyAsJsonObject().getJsonArray("items");
    assertThat(items).hasSize(1);

    JsonArray points = get("getCallTimeline", "/v1/calls/c1/timeline", integrator).bodyAsJsonObject()
        .getJsonArray("points");
    assertThat(points.size()).isGreaterThanOrEqualTo(4);
    assertThat(points.getJsonObject(0).getLong("seq")).isEqualTo(1);
    assertThat(points.getJsonObject(2).getJsonArray("reasons")).isNotEmpty();

    JsonArray lines = get("getCallTranscript", "/v1/calls/c1/transcript", integrator).bodyAsJsonObject()
        .getJsonArray("utterances");
    assertThat(lines).hasSize(2);
    assertThat(lines.getJsonObject(0).getString("text"))
        .isEqualTo("My card was charged twice, you can reach me at [email]");
  }

  @Test
  void aLiveCall_carriesItsLiveStateFromTheNodeHoldingIt_anEndedOneNone() {
    feed("c9", integrator, "agent-1", callStart("c9", "team-a"),
        customerSays("c9", 2, "My card was charged twice and nobody called me back"),
        agentSays("c9", 3, "I'm so sorry about that. I'll fix it for you right now."));
    flushHistory();
    JsonObject call = get("getCall", "/v1/calls/c9", supervisorA).bodyAsJsonObject();
    assertThat(call.getString("state")).isEqualTo("live");
    JsonObject live = call.getJsonObject("live");
    assertThat(live.getString("from")).isEqualTo("owner");
    assertThat(live.getString("node")).isEqualTo("local");
    assertThat(live.getJsonObject("row").getString("callId")).isEqualTo("c9");
    assertThat(live.getJsonObject("row").getInteger("score")).as("live state agrees with history")
        .isEqualTo(call.getInteger("score"));

    feed("c9", integrator, null, end("c9", 4));
    flushHistory();
    JsonObject ended = get("getCall", "/v1/calls/c9", supervisorA).bodyAsJsonObject();
    assertThat(ended.getString("state")).isEqualTo("ended");
    assertThat(ended.containsKey("live")).isTrue();
    assertThat(ended.getValue("live")).isNull();
  }

  @Test
  void timelineAndTranscript_pageBySeq() {
    wholeCall("c1", "agent-1", "team-a");
    JsonObject first = get("getCallTimeline", "/v1/calls/c1/timeline?limit=2", integrator).bodyAsJsonObject();
    assertThat(first.getJsonArray("points")).hasSize(2);
    long next = first.getLong("nextAfterSeq");
    JsonObject rest = get("getCallTimeline", "/v1/calls/c1/timeline?afterSeq=" + next, integrator).bodyAsJsonObject();
    assertThat(rest.getJsonArray("points").getJsonObject(0).getLong("seq")).isGreaterThan(next);
    assertThat(rest.getValue("nextAfterSeq")).isNull();
  }

  @Test
  void filters_byStateAgentTeamScoreAndTime() {
    wholeCall("c1", "agent-1", "team-a");
    wholeCall("c2", "agent-2", "team-b");
    feed("c3", integrator, "agent-1", callStart("c3", "team-a"));
    flushHistory();

    assertThat(ids("/v1/calls?state=live", integrator)).containsExactly("c3");
    assertThat(ids("/v1/calls?state=ended", integrator)).containsExactlyInAnyOrder("c1", "c2");
    assertThat(ids("/v1/calls?agentId=agent-2", integrator)).containsExactly("c2");
    assertThat(ids("/v1/calls?teamId=team-a&state=ended", integrator)).containsExactly("c1");
    assertThat(ids("/v1/calls?minScore=0&maxScore=100&state=ended", integrator)).hasSize(2);
    assertThat(ids("/v1/calls?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z", integrator)).isEmpty();
    assertThat(ids("/v1/calls?from=2000-01-01T00:00:00Z", integrator)).hasSize(3);
  }

  @Test
  void pages_areStable_whileNewCallsStart() {
    for (int i = 0; i < 5; i++) {
      feed("p" + i, integrator, "agent-1", callStart("p" + i, "team-a"));
    }
    flushHistory();
    JsonObject first = get("listCalls", "/v1/calls?limit=2", integrator).bodyAsJsonObject();
    feed("newer", integrator, "agent-1", callStart("newer", "team-a"));
    flushHistory();
    List<String> seen = new ArrayList<>(names(first.getJsonArray("items")));
    String cursor = first.getString("next");
    while (cursor != null) {
      JsonObject page = get("listCalls", "/v1/calls?limit=2&cursor=" + cursor, integrator).bodyAsJsonObject();
      seen.addAll(names(page.getJsonArray("items")));
      cursor = page.getString("next");
    }
    assertThat(seen).hasSize(5).doesNotHaveDuplicates().doesNotContain("newer");
  }

  @Test
  void scope_supervisorSeesItsTeams_agentItsOwnCalls() {
    wholeCall("c1", "agent-1", "team-a");
    wholeCall("c2", "agent-2", "team-b");

    assertThat(ids("/v1/calls", supervisorA)).containsExactly("c1");
    assertThat(ids("/v1/calls", agent2)).containsExactly("c2");
    assertThat(ids("/v1/calls?agentId=agent-1", agent2)).isEmpty();
    assertThat(ids("/v1/calls", admin)).hasSize(2);

    // Another team's call answers exactly as a call that does not exist: its id reveals nothing.
    HttpResponse<Buffer> hidden = get("getCall", "/v1/calls/c2", supervisorA);
    HttpResponse<Buffer> none = get("getCall", "/v1/calls/c9", supervisorA);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "not-found");
    assertThat(hidden.bodyAsJsonObject().getString("detail").replace("c2", "c9"))
        .isEqualTo(none.bodyAsJsonObject().getString("detail"));
    assertThat(get("getCallTimeline", "/v1/calls/c2/timeline", supervisorA).statusCode()).isEqualTo(404);
    assertThat(get("getCallTranscript", "/v1/calls/c1/transcript", agent2).statusCode()).isEqualTo(404);
    assertThat(get("getCallPrompts", "/v1/calls/c2/prompts", agent1).statusCode()).isEqualTo(404);
    assertThat(get("getCallWhispers", "/v1/calls/c2/whispers", supervisorA).statusCode()).isEqualTo(404);
    assertThat(get("getCall", "/v1/calls/nope", integrator).statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAValidToken_401() {
    HttpResponse<Buffer> none = get("listCalls", "/v1/calls", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "unauthorized");
    assertThat(get("listCalls", "/v1/calls", "not-a-jwt").statusCode()).isEqualTo(401);
  }

  @Test
  void invalidQueries_are400_namingTheField() {
    HttpResponse<Buffer> limit = get("listCalls", "/v1/calls?limit=0", integrator);
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(field(limit)).isEqualTo("query.limit");
    assertThat(field(get("listCalls", "/v1/calls?state=dead", integrator))).isEqualTo("query.state");
    assertThat(field(get("listCalls", "/v1/calls?minScore=101", integrator))).isEqualTo("query.minScore");
    assertThat(field(get("listCalls", "/v1/calls?cursor=bm9wZQ", integrator))).isEqualTo("query.cursor");
    assertThat(field(get("listCalls", "/v1/calls?from=yesterday", integrator))).isEqualTo("query.from");
    assertThat(get("getCall", "/v1/calls/bad%20id", integrator).statusCode()).isEqualTo(400);
  }

  @Test
  void promptsWithFeedback_andWhispers() {
    feed("c1", agent1, null, callStart("c1", "team-a"),
        customerSays("c1", 2, "This is ridiculous! I am furious, I have called five times and nobody helps me!"),
        agentSays("c1", 3, "What is your account number."),
        customerSays("c1", 4, "I am so angry and frustrated, this is the worst service ever!"),
        agentSays("c1", 5, "That's not my department."),
        customerSays("c1", 6, "Unbelievable. I'm done with you people, this is terrible."));
    flushHistory();
    JsonArray prompts = get("getCallPrompts", "/v1/calls/c1/prompts", agent1).bodyAsJsonObject().getJsonArray("prompts");
    assertThat(prompts).isNotEmpty();
    String promptId = prompts.getJsonObject(0).getString("promptId");
    feed("c1", agent1, null, new JsonObject().put("type", "prompt.feedback").put("callId", "c1").put("seq", 7)
        .put("ts", T0 + 30_000).put("promptId", promptId).put("action", "helpful"));
    service.calls().whisper("c1", "sup-a", "Call me on 020 7946 0958 after this").await();
    flushHistory();

    JsonObject first = get("getCallPrompts", "/v1/calls/c1/prompts", supervisorA).bodyAsJsonObject()
        .getJsonArray("prompts").getJsonObject(0);
    assertThat(first.getJsonArray("feedback").getJsonObject(0).getString("action")).isEqualTo("helpful");
    JsonObject whisper = get("getCallWhispers", "/v1/calls/c1/whispers", supervisorA).bodyAsJsonObject()
        .getJsonArray("whispers").getJsonObject(0);
    assertThat(whisper.getString("text")).isEqualTo("Call me on [phone] after this");
    assertThat(whisper.getString("outcome")).isEqualTo("held");
  }

  @Test
  void theContractIsServed_andOperationalEndpointsStillWork() {
    HttpResponse<Buffer> yaml = get("openapi", "/v1/openapi.yaml", null);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.bodyAsString()).contains("operationId: postCallOutcome").contains("application/problem+json");
    assertThat(get("health", "/health", null).statusCode()).isEqualTo(200);
    assertThat(get("ready", "/ready", null).statusCode()).isEqualTo(200);
    assertThat(get("metrics", "/metrics", admin).statusCode()).isEqualTo(200);
    assertThat(get("asyncapi", "/v1/asyncapi.yaml", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> missing = get(null, "/v1/nothing-here", integrator);
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  private List<String> ids(String uri, String token) {
    HttpResponse<Buffer> response = get("listCalls", uri, token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return names(response.bodyAsJsonObject().getJsonArray("items"));
  }

  private static List<String> names(JsonArray items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(((JsonObject) item).getString("callId")));
    return ids;
  }

  static <T> T eventually(java.util.function.Supplier<T> probe) {
    return Await.value(java.time.Duration.ofSeconds(5), "a value", probe);
  }
}
