package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.KudosRecord;
import io.carepulse.store.OutcomeRecord;
import io.carepulse.store.PromptFeedbackRecord;
import io.carepulse.store.PromptRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportsApiTest extends RestServiceTest {

  private static final Instant DAY = Instant.parse("2026-11-02T09:00:00Z");

  /**
   * Five surveyed calls, worked out by hand:
   * callScore 20 40 60 80 90, CSAT 1 3 2 4 5. Ranks of CSAT 1 3 2 4 5, d² = 0+1+1+0+0 = 2,
   * rho = 1 − 6·2/(5·24) = 0.9. Pearson: means 58 and 3, Σdxdy = 160, Σdx² = 3280, Σdy² = 10,
   * r = 160/√32800 = 0.8835. 95% intervals (Fisher z, n = 5): rho [0.0453, 0.9940] with SE √(1.06/2),
   * r [0.0054, 0.9923] with SE √(1/2). Team a (20 40 60 → 1 3 2): rho = r = 0.5, no interval below 4 calls.
   */
  private void fiveSurveyedCalls() {
    ended("c1", "agent-1", "team-a", 20, 20, 20, 1);
    ended("c2", "agent-1", "team-a", 40, 55, 30, 3);
    ended("c3", "agent-1", "team-a", 60, 60, 50, 2);
    ended("c4", "agent-2", "team-b", 80, 80, 70, 4);
    ended("c5", "agent-2", "team-b", 90, 90, 85, 5);
    ended("unsurveyed", "agent-2", "team-b", 10, 10, 10, null);
    store(new JournalBatch(List.of(CallRecord.started("live", "agent-1", "team-a", null, null, "en-US", DAY)),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of()));
    service.store().saveOutcome(new OutcomeRecord("o-live", "live", 1, null, null, "survey", "k", DAY)).await();
  }

  private void ended(String callId, String agentId, String teamId, int callScore, int score, int minScore, Integer csat) {
    ended(callId, agentId, teamId, callScore, score, minScore, csat, DAY);
  }

  private void ended(String callId, String agentId, String teamId, int callScore, int score, int minScore, Integer csat,
                     Instant startedAt) {
    CallSummary summary = new CallSummary(callId, "care-1", score, callScore, minScore, new Parts(50, 50, 50, 50, 50, 50),
        List.of(PromptKind.CHECK_IN), new Recovery(minScore, 1000, 2000, 1.0));
    store(new JournalBatch(List.of(CallRecord.started(callId, agentId, teamId, null, null, "en-US", startedAt)),
        List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(new CallEnding(callId, "resolved", 9, summary, startedAt.plusSeconds(300)))));
    if (csat != null) {
      service.store().saveOutcome(new OutcomeRecord("o-" + callId, callId, csat, null, null, "survey", "k", DAY)).await();
    }
  }

  private void store(JournalBatch batch) {
    service.store().write(batch).await();
  }

  @Test
  void calibration_matchesTheHandComputedFigures() {
    fiveSurveyedCalls();
    JsonObject report = get("getCalibrationReport", "/v1/reports/calibration", integrator).bodyAsJsonObject();

    JsonObject overall = report.getJsonObject("overall");
    assertThat(overall.getInteger("n")).isEqualTo(5);
    assertThat(overall.getJsonObject("spearman").getDouble("value")).isCloseTo(0.9, within(1e-4));
    assertThat(overall.getJsonObject("pearson").getDouble("value")).isCloseTo(0.8835, within(1e-4));
    JsonArray rhoCi = overall.getJsonObject("spearman").getJsonArray("ci95");
    assertThat(rhoCi.getDouble(0)).isCloseTo(0.0453, within(1e-4));
    assertThat(rhoCi.getDouble(1)).isCloseTo(0.9940, within(1e-4));
    JsonArray rCi = overall.getJsonObject("pearson").getJsonArray("ci95");
    assertThat(rCi.getDouble(0)).isCloseTo(0.0054, within(1e-4));
    assertThat(rCi.getDouble(1)).isCloseTo(0.9923, within(1e-4));

    JsonObject teamA = report.getJsonArray("teams").getJsonObject(0);
    assertThat(teamA.getString("teamId")).isEqualTo("team-a");
    assertThat(teamA.getInteger("n")).isEqualTo(3);
    assertThat(teamA.getJsonObject("spearman").getDouble("value")).isCloseTo(0.5, within(1e-9));
    assertThat(teamA.getJsonObject("pearson").getDouble("value")).isCloseTo(0.5, within(1e-9));
    assertThat(teamA.getJsonObject("pearson").getValue("ci95")).isNull();
    JsonObject agent2 = report.getJsonArray("agents").getJsonObject(1);
    assertThat(agent2.getString("agentId")).isEqualTo("agent-2");
    assertThat(agent2.getInteger("n")).isEqualTo(2);

    JsonArray bands = report.getJsonArray("bands");
    assertThat(bands.getJsonObject(0).getInteger("n")).isZero();
    assertThat(bands.getJsonObject(0).getValue("meanCsat")).isNull();
    assertThat(bands.getJsonObject(1).getDouble("meanCsat")).isEqualTo(1.0);
    assertThat(bands.getJsonObject(2).getDouble("meanCsat")).isEqualTo(3.0);
    assertThat(bands.getJsonObject(3).getDouble("meanCsat")).isEqualTo(2.0);
    assertThat(bands.getJsonObject(4).getDouble("meanCsat")).isEqualTo(4.5);
  }

  @Test
  void calibration_isScopedAndFiltered() {
    fiveSurveyedCalls();
    assertThat(get("getCalibrationReport", "/v1/reports/calibration", supervisorA).bodyAsJsonObject()
        .getJsonObject("overall").getInteger("n")).isEqualTo(3);
    assertThat(get("getCalibrationReport", "/v1/reports/calibration?teamId=team-b", supervisorA).bodyAsJsonObject()
        .getJsonObject("overall").getInteger("n")).isZero();
    assertThat(get("getCalibrationReport", "/v1/reports/calibration?from=2027-01-01T00:00:00Z", integrator)
        .bodyAsJsonObject().getJsonObject("overall").getInteger("n")).isZero();
    assertThat(field(get("getCalibrationReport", "/v1/reports/calibration?to=soon", integrator))).isEqualTo("query.to");
  }

  @Test
  void leadership_perAgentAndPerTeam() {
    fiveSurveyedCalls();
    store(new JournalBatch(List.of(), List.of(), List.of(),
        List.of(new PromptRecord("c1", "p1", PromptKind.CHECK_IN, "Check in.", 1, 2, DAY, List.of()),
            new PromptRecord("c1", "p2", PromptKind.USE_NAME, "Use their name.", 1, 3, DAY, List.of()),
            new PromptRecord("c2", "p3", PromptKind.NEXT_STEPS, "Next steps.", 1, 3, DAY, List.of())),
        List.of(new PromptFeedbackRecord("c1", "p1", PromptFeedback.Action.HELPFUL, 4, DAY),
            new PromptFeedbackRecord("c1", "p2", PromptFeedback.Action.UNHELPFUL, 5, DAY),
            new PromptFeedbackRecord("c2", "p3", PromptFeedback.Action.HELPFUL, 6, DAY)),
        List.of(), List.of()));
    service.store().kudosAwarded(new KudosRecord("k1", "c2", "agent-1", "team-a", "recovery", "Well done", 55, 40, 30,
        DAY)).await();

    JsonArray agents = get("getAgentReport", "/v1/reports/agents", integrator).bodyAsJsonObject().getJsonArray("agents");
    JsonObject agent1 = agents.getJsonObject(0);
    assertThat(agent1.getString("agentId")).isEqualTo("agent-1");
    assertThat(agent1.getInteger("calls")).isEqualTo(4);
    assertThat(agent1.getInteger("endedCalls")).isEqualTo(3);
    assertThat(agent1.getDouble("meanCallScore")).isEqualTo(40.0);
    assertThat(agent1.getJsonArray("distribution")).isEqualTo(new JsonArray(List.of(0, 1, 1, 1, 0)));
    // c1 dipped to 20 and ended at 20; c2 dipped to 30 and ended at 55: one of two recovered.
    assertThat(agent1.getDouble("recoveryRate")).isEqualTo(0.5);
    assertThat(agent1.getInteger("prompts")).isEqualTo(3);
    assertThat(agent1.getInteger("promptsHelpful")).isEqualTo(2);
    assertThat(agent1.getDouble("helpfulness")).isCloseTo(0.6667, within(1e-4));
    assertThat(agent1.getInteger("kudos")).isEqualTo(1);
    JsonObject agent2 = agents.getJsonObject(1);
    assertThat(agent2.getValue("helpfulness")).isNull();
    assertThat(agent2.getDouble("recoveryRate")).isEqualTo(0.0);

    JsonArray teams = get("getTeamReport", "/v1/reports/teams", supervisorB).bodyAsJsonObject().getJsonArray("teams");
    assertThat(teams).hasSize(1);
    assertThat(teams.getJsonObject(0).getString("teamId")).isEqualTo("team-b");
    assertThat(teams.getJsonObject(0).getInteger("endedCalls")).isEqualTo(3);

    JsonArray own = get("getAgentReport", "/v1/reports/agents", token("agent-2", io.carepulse.auth.Role.AGENT,
        List.of("team-b"))).bodyAsJsonObject().getJsonArray("agents");
    assertThat(own).hasSize(1);
    assertThat(get("getTeamReport", "/v1/reports/teams", null).statusCode()).isEqualTo(401);
  }

  @Test
  void calibration_bandsCountEachCsatValue() {
    fiveSurveyedCalls();
    JsonArray bands = get("getCalibrationReport", "/v1/reports/calibration", integrator).bodyAsJsonObject()
        .getJsonArray("bands");
    // callScore 20 → CSAT 1 (band 20–39), 40 → 3 (40–59), 60 → 2 (60–79), 80 → 4 and 90 → 5 (80–100)
    assertThat(bands.getJsonObject(0).getJsonArray("csatCounts")).isEqualTo(new JsonArray(List.of(0, 0, 0, 0, 0)));
    assertThat(bands.getJsonObject(1).getJsonArray("csatCounts")).isEqualTo(new JsonArray(List.of(1, 0, 0, 0, 0)));
    assertThat(bands.getJsonObject(2).getJsonArray("csatCounts")).isEqualTo(new JsonArray(List.of(0, 0, 1, 0, 0)));
    assertThat(bands.getJsonObject(3).getJsonArray("csatCounts")).isEqualTo(new JsonArray(List.of(0, 1, 0, 0, 0)));
    assertThat(bands.getJsonObject(4).getJsonArray("csatCounts")).isEqualTo(new JsonArray(List.of(0, 0, 0, 1, 1)));
  }

  /**
   * Weeks start on Monday (UTC): DAY is Monday 2 November. Three weeks from 26 October: the week before DAY is empty,
   * DAY's week holds the five surveyed calls' teams, and a call on Sunday 15 November falls in the week of the 9th.
   */
  @Test
  void leadership_weekByWeek_everyRowOnTheSameWeeks_emptyWeeksIncluded() {
    fiveSurveyedCalls();
    ended("later", "agent-1", "team-a", 70, 72, 50, 4, Instant.parse("2026-11-15T23:30:00Z"));

    JsonObject report = get("getTeamReport",
        "/v1/reports/teams?bucket=week&from=2026-10-28T00:00:00Z&to=2026-11-16T00:00:00Z", integrator)
        .bodyAsJsonObject();
    assertThat(report.getString("bucket")).isEqualTo("week");
    JsonObject teamA = report.getJsonArray("teams").getJsonObject(0);
    assertThat(teamA.getString("teamId")).isEqualTo("team-a");
    JsonArray weeks = teamA.getJsonArray("series");
    assertThat(weeks).hasSize(3);
    assertThat(weeks.getJsonObject(0).getString("start")).isEqualTo("2026-10-26T00:00:00Z");
    assertThat(weeks.getJsonObject(0).getString("end")).isEqualTo("2026-11-02T00:00:00Z");
    assertThat(weeks.getJsonObject(0).getInteger("calls")).isZero();
    assertThat(weeks.getJsonObject(0).getValue("meanCallScore")).isNull();
    assertThat(weeks.getJsonObject(1).getInteger("endedCalls")).isEqualTo(3);
    assertThat(weeks.getJsonObject(1).getDouble("meanCallScore")).isEqualTo(40.0);
    assertThat(weeks.getJsonObject(2).getString("start")).isEqualTo("2026-11-09T00:00:00Z");
    assertThat(weeks.getJsonObject(2).getDouble("meanCallScore")).isEqualTo(70.0);
    JsonArray teamBWeeks = report.getJsonArray("teams").getJsonObject(1).getJsonArray("series");
    assertThat(teamBWeeks).extracting(p -> ((JsonObject) p).getString("start"))
        .containsExactlyElementsOf(weeks.stream().map(p -> ((JsonObject) p).getString("start")).toList());

    JsonObject months = get("getAgentReport", "/v1/reports/agents?bucket=month&teamId=team-a", integrator)
        .bodyAsJsonObject();
    JsonObject agent1 = months.getJsonArray("agents").getJsonObject(0);
    assertThat(agent1.getJsonArray("teams")).isEqualTo(new JsonArray(List.of("team-a")));
    assertThat(agent1.getJsonArray("series").getJsonObject(0).getString("start")).isEqualTo("2026-11-01T00:00:00Z");
    assertThat(agent1.getJsonArray("series").getJsonObject(0).getInteger("endedCalls")).isEqualTo(4);

    JsonObject plain = get("getTeamReport", "/v1/reports/teams", integrator).bodyAsJsonObject();
    assertThat(plain.getValue("bucket")).isNull();
    assertThat(plain.getJsonArray("teams").getJsonObject(0).containsKey("series")).isFalse();
    assertThat(field(get("getTeamReport", "/v1/reports/teams?bucket=day", integrator))).isEqualTo("query.bucket");
  }
}
