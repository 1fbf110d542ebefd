package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlaybooksApiTest extends RestServiceTest {

  private HttpResponse<Buffer> put(String token, String ifMatch, JsonObject playbook) {
    return call("putPlaybook", HttpMethod.PUT, "/v1/teams/team-a/playbook", token, playbook,
        ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
  }

  @Test
  void aTeamWithoutAPlaybook_runsOnTheDefaults_versionZero() {
    HttpResponse<Buffer> read = get("getPlaybook", "/v1/teams/team-a/playbook", supervisorA);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.getHeader("ETag")).isEqualTo("\"v0\"");
    JsonObject playbook = read.bodyAsJsonObject().getJsonObject("playbook");
    assertThat(playbook.getJsonObject("alerts").getInteger("lowScore"))
        .isEqualTo(io.carepulse.alert.AlertSettings.defaults().lowScore());
    assertThat(playbook.getJsonObject("attentionBudget").getInteger("perCallCap"))
        .isEqualTo(io.carepulse.coach.CoachingPolicy.defaults().perCallCap());
    assertThat(playbook.getJsonObject("prompts").getJsonArray("enabled")).hasSize(io.carepulse.coach.PromptKind.values().length);
  }

  @Test
  void changes_needTheCurrentETag() {
    JsonObject quieter = new JsonObject().put("attentionBudget", new JsonObject().put("perCallCap", 3))
        .put("alerts", new JsonObject().put("lowScore", 30));

    HttpResponse<Buffer> missing = put(supervisorA, null, quieter);
    assertThat(missing.statusCode()).isEqualTo(428);
    assertThat(missing.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "precondition-required");
    assertThat(put(supervisorA, "\"v7\"", quieter).statusCode()).isEqualTo(412);

    HttpResponse<Buffer> saved = put(supervisorA, "\"v0\"", quieter);
    assertThat(saved.statusCode()).isEqualTo(200);
    assertThat(saved.getHeader("ETag")).isEqualTo("\"v1\"");
    JsonObject view = get("getPlaybook", "/v1/teams/team-a/playbook", integrator).bodyAsJsonObject();
    assertThat(view.getInteger("version")).isEqualTo(1);
    assertThat(view.getString("updatedBy")).isEqualTo("sup-a");
    assertThat(view.getJsonObject("playbook").getJsonObject("attentionBudget").getInteger("perCallCap")).isEqualTo(3);
    assertThat(view.getJsonObject("playbook").getJsonObject("attentionBudget").getInteger("minGapMs"))
        .isEqualTo((int) io.carepulse.coach.CoachingPolicy.defaults().minGapMs());
    assertThat(view.getJsonObject("playbook").getJsonObject("alerts").getInteger("lowScore")).isEqualTo(30);

    HttpResponse<Buffer> stale = put(integrator, "\"v0\"", quieter);
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "precondition-failed");
  }

  @Test
  void invalidPlaybooks_are400_namingTheField() {
    HttpResponse<Buffer> negative = put(supervisorA, "\"v0\"",
        new JsonObject().put("attentionBudget", new JsonObject().put("perCallCap", -1)));
    assertThat(negative.statusCode()).isEqualTo(400);
    assertThat(field(negative)).isEqualTo("body.attentionBudget.perCallCap");
    assertThat(put(supervisorA, "\"v0\"", new JsonObject().put("mood", "happy")).statusCode()).isEqualTo(400);
    assertThat(put(supervisorA, "\"v0\"", new JsonObject().put("prompts",
        new JsonObject().put("enabled", new JsonArray().add("shout"))))).extracting(HttpResponse::statusCode).isEqualTo(400);
    assertThat(put(supervisorA, "\"v0\"", new JsonObject().put("alerts",
        new JsonObject().put("lowScore", 101)))).extracting(HttpResponse::statusCode).isEqualTo(400);
  }

  @Test
  void onlyTheTeamsLeadersAndIntegrators() {
    assertThat(get("getPlaybook", "/v1/teams/team-a/playbook", supervisorB).statusCode()).isEqualTo(403);
    assertThat(get("getPlaybook", "/v1/teams/team-a/playbook", agent1).statusCode()).isEqualTo(403);
    assertThat(put(supervisorB, "\"v0\"", new JsonObject()).statusCode()).isEqualTo(403);
    assertThat(get("getPlaybook", "/v1/teams/team-a/playbook", admin).statusCode()).isEqualTo(200);
  }

  @Test
  void aChangedPlaybook_appliesToCallsThatStartAfterIt() {
    feed("before", agent1, null, callStart("before", "team-a"));
    JsonObject silent = new JsonObject().put("prompts", new JsonObject().put("enabled", new JsonArray()));
    assertThat(put(supervisorA, "\"v0\"", silent).statusCode()).isEqualTo(200);
    feed("after", agent1, null, callStart("after", "team-a"));

    for (String callId : new String[] {"before", "after"}) {
      feed(callId, agent1, null,
          customerSays(callId, 2, "This is ridiculous! I am furious, I have called five times and nobody helps me!"),
          agentSays(callId, 3, "What is your account number."),
          customerSays(callId, 4, "I am so angry and frustrated, this is the worst service ever!"),
          agentSays(callId, 5, "That's not my department."),
          customerSays(callId, 6, "Unbelievable. I'm done with you people, this is terrible."));
    }
    flushHistory();
    assertThat(get("getCallPrompts", "/v1/calls/before/prompts", agent1).bodyAsJsonObject().getJsonArray("prompts"))
        .isNotEmpty();
    assertThat(get("getCallPrompts", "/v1/calls/after/prompts", agent1).bodyAsJsonObject().getJsonArray("prompts"))
        .isEmpty();
  }
}
