package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The leader view in a real browser (src/test/browser/leaders.mjs) over ten weeks of history seeded into the store:
 * two teams of three agents, a call score that drifts up in one team, surveys whose CSAT follows the score with noise,
 * prompts with feedback and kudos. The page must refuse an agent token, sign in from a link, and draw a team card,
 * weekly trend lines, the band spread, score against CSAT with Spearman and n, and the agents table; month buckets
 * and the team filter must redraw it; it must fit 420 px. Saves target/screenshots/leaders.png and leaders-narrow.png.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderViewBrowserTest extends LiveServiceTest {

  private static final List<String> TEAMS = List.of("care-north", "care-south");
  private static final int WEEKS = 10;

  @Test
  void aHeadOfServiceSeesTeamTrends_scoreAgainstCsat_andAgents() throws Exception {
    start();
    int surveyed = seedTenWeeks();
    String supervisor = service.jwt().mint("head-of-service", Role.SUPERVISOR, TEAMS, Duration.ofMinutes(10));
    try (BrowserScript browser = BrowserScript.start("leaders.mjs", Map.of(
        "BASE_URL", "http://127.0.0.1:" + port() + "/",
        "TOKEN", supervisor,
        "AGENT_TOKEN", agentToken("agent-1"),
        "TEAMS", String.join(",", TEAMS),
        "SURVEYED", Integer.toString(surveyed)))) {
      browser.await("agent-refused");
      browser.await("cards");
      assertThat(browser.await("trend").getInteger("dots")).isGreaterThanOrEqualTo(6);
      assertThat(browser.await("calibration").getDouble("rho")).isGreaterThan(0.3);
      browser.await("filters");
      browser.await("done");
      browser.finish();
    }
    assertThat(BrowserScript.SCREENSHOTS.resolve("leaders.png")).exists();
  }

  /** Four calls a week per agent for ten weeks; returns how many got a survey. */
  private int seedTenWeeks() {
    Random random = new Random(16);
    Instant thisWeek = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    List<CallRecord> started = new ArrayList<>();
    List<CallEnding> ended = new ArrayList<>();
    List<PromptRecord> prompts = new ArrayList<>();
    List<PromptFeedbackRecord> feedback = new ArrayList<>();
    List<OutcomeRecord> outcomes = new ArrayList<>();
    List<KudosRecord> kudos = new ArrayList<>();
    int n = 0;
    for (int week = WEEKS - 1; week >= 0; week--) {
      Instant at = thisWeek.minus(Duration.ofDays(7L * week));
      for (int t = 0; t < TEAMS.size(); t++) {
        for (int a = 1; a <= 3; a++) {
          String agent = TEAMS.get(t) + "-agent-" + a;
          for (int c = 0; c < 4; c++) {
            String callId = "seed-" + week + "-" + t + "-" + a + "-" + c;
            // care-north improves week on week; care-south stays where it is
            int drift = t == 0 ? (WEEKS - week) * 2 : 0;
            int callScore = Math.max(5, Math.min(95, 45 + drift + a * 3 + random.nextInt(25) - 12));
            int minScore = Math.max(0, callScore - 10 - random.nextInt(20));
            Instant callAt = at.minus(Duration.ofMinutes(30L * c + a));
            started.add(CallRecord.started(callId, agent, TEAMS.get(t), null, "Customer " + n, "en-US", callAt));
            ended.add(new CallEnding(callId, "completed", 20, new CallSummary(callId, "care-1", callScore, callScore,
                minScore, new Parts(50, 50, 50, 50, 50, 50), List.of(PromptKind.CHECK_IN),
                new Recovery(minScore, 1000, 2000, 1.0)), callAt.plusSeconds(300)));
            prompts.add(new PromptRecord(callId, callId + "-p1", PromptKind.CHECK_IN, "Check in.", 1, 5, callAt, List.of()));
            feedback.add(new PromptFeedbackRecord(callId, callId + "-p1", random.nextInt(3) == 0
                ? PromptFeedback.Action.UNHELPFUL : PromptFeedback.Action.HELPFUL, 6, callAt));
            if (c < 3) {
              int csat = Math.max(1, Math.min(5, (int) Math.round(1 + 4 * (callScore - 30) / 45.0
                  + random.nextGaussian() * 0.6)));
              outcomes.add(new OutcomeRecord("o-" + callId, callId, csat, null, csat >= 4, "survey", "k-" + callId,
                  callAt.plusSeconds(600)));
            }
            if (callScore >= 70) {
              kudos.add(new KudosRecord("k-" + callId, callId, agent, TEAMS.get(t), "top_band", "Great call",
                  callScore, callScore, minScore, callAt.plusSeconds(300)));
            }
            n++;
          }
        }
      }
    }
    service.store().write(new JournalBatch(started, List.of(), List.of(), prompts, feedback, List.of(), ended))
        .await();
    for (OutcomeRecord outcome : outcomes) {
      service.store().saveOutcome(outcome).await();
    }
    for (KudosRecord award : kudos) {
      service.store().kudosAwarded(award).await();
    }
    return outcomes.size();
  }
}
