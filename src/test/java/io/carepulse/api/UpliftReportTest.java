package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Holdout;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallSummary;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.OutcomeRecord;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The uplift report on synthetic calls whose true effect is known: calls are split by the real holdout hash, and each
 * arm's callScore, recovery, CSAT and resolution are drawn from distributions whose means differ by a known amount.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpliftReportTest extends RestServiceTest {

  private static final Instant DAY = Instant.parse("2026-11-02T09:00:00Z");
  private static final Holdout EXPERIMENT = new Holdout("uplift-1", 0.3);

  /** Treated minus control, by construction. */
  private static final double TRUE_SCORE_UPLIFT = 6;
  private static final double TRUE_RECOVERY_UPLIFT = 0.5 - 0.3;
  private static final double TRUE_CSAT_UPLIFT = 4.0 - 3.5;
  private static final double TRUE_RESOLUTION_UPLIFT = 0.72 - 0.6;

  /**
   * {@code n} ended calls of a team in the experiment, every one surveyed. callScore ~ N(60, 8) (+6 when treated);
   * 40% dip to 30, and a dipped call recovers to 55 with p = 0.3 (0.5 treated); CSAT is uniform on {2,3,4,5}
   * (mean 3.5), treated on {3,4,4,5} (mean 4); resolved with p = 0.6 (0.72 treated).
   */
  private void experimentCalls(String teamId, int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CallRecord> started = new ArrayList<>();
    List<CallEnding> endings = new ArrayList<>();
    List<OutcomeRecord> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String callId = teamId + "-call-" + i;
      Holdout.Assignment arm = EXPERIMENT.assign(callId).orElseThrow();
      boolean treated = !arm.control();
      int callScore = (int) Math.round(Math.max(0, Math.min(100, 60 + (treated ? TRUE_SCORE_UPLIFT : 0)
          + 8 * random.nextGaussian())));
      boolean dipped = random.nextDouble() < 0.4;
      boolean recovered = random.nextDouble() < (treated ? 0.5 : 0.3);
      int minScore = dipped ? 30 : 55;
      int score = dipped ? (recovered ? 55 : 35) : 60;
      int[] csats = treated ? new int[] {3, 4, 4, 5} : new int[] {2, 3, 4, 5};
      int csat = csats[random.nextInt(4)];
      boolean resolved = random.nextDouble() < (treated ? 0.72 : 0.6);
      CallSummary summary = new CallSummary(callId, "care-2", score, callScore, minScore,
          new Parts(50, 50, 50, 50, 50, 50), treated ? List.of(PromptKind.CHECK_IN) : List.of(),
          new Recovery(minScore, 1000, 2000, 1.0), arm);
      started.add(CallRecord.started(callId, "agent-" + (i % 7), teamId, null, null, "en-US", DAY.plusSeconds(i)));
      endings.add(new CallEnding(callId, "resolved", 9, summary, DAY.plusSeconds(i + 300)));
      outcomes.add(new OutcomeRecord("o-" + callId, callId, csat, null, resolved, "survey", "k", DAY));
    }
    service.store().write(new JournalBatch(started, List.of(), List.of(), List.of(), List.of(), List.of(), endings))
        .await();
    outcomes.forEach(outcome -> service.store().saveOutcome(outcome).await());
  }

  private JsonObject report(String query, String token) {
    return get("getUpliftReport", "/v1/reports/uplift" + query, token).bodyAsJsonObject();
  }

  @Test
  void theReportRecoversAKnownUpliftWithinItsIntervals() {
    experimentCalls("team-a", 1200, 7);
    JsonObject report = report("", integrator);
    // Left for a person to read (the figures docs/uplift.md quotes).
    vertx.fileSystem().writeFileBlocking("target/uplift-synthetic.json", report.toBuffer());
    JsonObject overall = report.getJsonObject("overall");

    JsonObject calls = overall.getJsonObject("calls");
    assertThat(calls.getInteger("control") / 1200.0).isBetween(0.26, 0.34);
    assertCovers(overall.getJsonObject("callScore"), TRUE_SCORE_UPLIFT);
    assertCovers(overall.getJsonObject("recoveryRate"), TRUE_RECOVERY_UPLIFT);
    assertCovers(overall.getJsonObject("csat"), TRUE_CSAT_UPLIFT);
    assertCovers(overall.getJsonObject("resolution"), TRUE_RESOLUTION_UPLIFT);
    assertThat(overall.getJsonObject("csat").getJsonObject("control").getInteger("n"))
        .isEqualTo(calls.getInteger("control"));
    assertThat(overall.getJsonObject("callScore").getString("note")).startsWith("coached calls are higher: 95% interval +");
  }

  /** The true difference lies in the interval, and the interval excludes 0: the report concludes, rightly. */
  private static void assertCovers(JsonObject comparison, double truth) {
    JsonArray ci = comparison.getJsonArray("ci95");
    assertThat(ci.getDouble(0)).as("%s low", comparison).isLessThan(truth).isGreaterThan(0);
    assertThat(ci.getDouble(1)).as("%s high", comparison).isGreaterThan(truth);
    assertThat(comparison.getDouble("difference")).isBetween(ci.getDouble(0), ci.getDouble(1));
    assertThat(comparison.getString("verdict")).isEqualTo("treated_higher");
  }

  @Test
  void aTeamWithFewCallsIsToldItCannotConcludeYet() {
    experimentCalls("team-a", 1200, 7);
    experimentCalls("team-b", 40, 8);
    JsonArray teams = report("", integrator).getJsonArray("teams");
    JsonObject teamB = teams.getJsonObject(1);
    assertThat(teamB.getString("teamId")).isEqualTo("team-b");
    JsonObject score = teamB.getJsonObject("callScore");
    assertThat(score.getString("verdict")).isEqualTo("too_few_calls");
    assertThat(score.getString("note")).startsWith("too few calls to conclude: ")
        .contains(score.getJsonObject("control").getInteger("n") + " control")
        .endsWith("at least 30 in each arm are needed");
    assertThat(teams.getJsonObject(0).getJsonObject("callScore").getString("verdict")).isEqualTo("treated_higher");
  }

  @Test
  void theReportIsScopedToTheCallersTeamsAndToOneExperiment() {
    experimentCalls("team-a", 100, 7);
    experimentCalls("team-b", 100, 8);
    JsonObject mine = report("", supervisorA);
    assertThat(mine.getJsonArray("teams").size()).isEqualTo(1);
    assertThat(mine.getJsonArray("experiments").getList()).containsExactly("uplift-1");
    JsonObject other = report("?experiment=uplift-2", integrator);
    assertThat(other.getJsonObject("overall").getJsonObject("calls").getInteger("treated")).isZero();
    assertThat(other.getJsonObject("overall").getJsonObject("callScore").getValue("ci95")).isNull();
    assertThat(field(get("getUpliftReport", "/v1/reports/uplift?experiment=two%20words", integrator)))
        .isEqualTo("query.experiment");
  }

  /** End to end: the team's playbook holds calls out, the integration feed plays them, history records their arm. */
  @Test
  void aPlaybookHoldoutPutsCallsInArmsThatHistoryKeeps() {
    JsonObject playbook = new JsonObject().put("holdout", new JsonObject().put("share", 0.5).put("experiment", "e-1"));
    assertThat(call("putPlaybook", HttpMethod.PUT, "/v1/teams/team-a/playbook", supervisorA, playbook,
        Map.of("If-Match", "\"v0\"")).statusCode()).isEqualTo(200);
    Holdout holdout = new Holdout("e-1", 0.5);
    String control = null;
    String treated = null;
    for (int i = 0; control == null || treated == null; i++) {
      String callId = "e2e-" + i;
      if (holdout.assign(callId).orElseThrow().control()) {
        control = control == null ? callId : control;
      } else {
        treated = treated == null ? callId : treated;
      }
    }
    wholeCall(control, "agent-1", "team-a");
    wholeCall(treated, "agent-1", "team-a");

    JsonObject controlCall = get("getCall", "/v1/calls/" + control, integrator).bodyAsJsonObject();
    assertThat(controlCall.getJsonObject("summary").getJsonObject("holdout"))
        .isEqualTo(new JsonObject().put("experiment", "e-1").put("arm", "control"));
    assertThat(controlCall.getJsonObject("summary").getJsonArray("prompts")).isEmpty();
    JsonObject treatedCall = get("getCall", "/v1/calls/" + treated, integrator).bodyAsJsonObject();
    assertThat(treatedCall.getJsonObject("summary").getJsonObject("holdout").getString("arm")).isEqualTo("treated");
    JsonObject calls = report("?experiment=e-1", integrator).getJsonObject("overall").getJsonObject("calls");
    assertThat(calls).isEqualTo(new JsonObject().put("treated", 1).put("control", 1));
  }

  @Test
  void aShareAboveHalfIsRefused() {
    JsonObject playbook = new JsonObject().put("holdout", new JsonObject().put("share", 0.7));
    var response = call("putPlaybook", HttpMethod.PUT, "/v1/teams/team-a/playbook", supervisorA, playbook,
        Map.of("If-Match", "\"v0\""));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(field(response)).isEqualTo("body.holdout.share");
  }
}
