package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallSummary;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.OutcomeRecord;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The leader view's uplift panel in a real browser (src/test/browser/uplift.mjs): over a seeded experiment — one team
 * with enough calls in both arms, one with too few — the panel must show the report's own figures (n per arm, means,
 * difference and interval, overall and per team) and say "too few calls to conclude" where the report does.
 * Saves target/screenshots/leaders-uplift.png.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UpliftPanelBrowserTest extends LiveServiceTest {

  private static final String EXPERIMENT = "spring-2027";

  @Test
  void theUpliftPanelShowsTheReportsFigures_andSaysWhenThereAreTooFewCalls() throws Exception {
    start();
    seed("care-north", 150, 6);
    seed("care-south", 24, 0);
    String supervisor = service.jwt().mint("head-of-service", Role.SUPERVISOR, List.of("care-north", "care-south"),
        Duration.ofMinutes(10));
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + port() + "/v1/reports/uplift"))
        .header("Authorization", "Bearer " + supervisor).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    JsonObject report = new JsonObject(response.body());
    assertThat(report.getJsonObject("overall").getJsonObject("callScore").getString("verdict"))
        .isEqualTo("treated_higher");
    try (BrowserScript browser = BrowserScript.start("uplift.mjs", Map.of(
        "BASE_URL", "http://127.0.0.1:" + port() + "/",
        "TOKEN", supervisor,
        "REPORT", report.encode()))) {
      browser.await("panel");
      browser.await("figures");
      browser.await("too-few");
      browser.await("done");
      browser.finish();
    }
    assertThat(BrowserScript.SCREENSHOTS.resolve("leaders-uplift.png")).exists();
  }

  /** {@code calls} ended calls of {@code team} in the last weeks; coached ones score {@code uplift} higher. */
  private void seed(String team, int calls, int uplift) {
    Random random = new Random(team.hashCode());
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
    List<CallRecord> started = new ArrayList<>();
    List<CallEnding> ended = new ArrayList<>();
    List<OutcomeRecord> outcomes = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      String callId = team + "-" + i;
      Holdout.Arm arm = i % 3 == 0 ? Holdout.Arm.CONTROL : Holdout.Arm.TREATED;
      int callScore = (int) Math.round(Math.max(0, Math.min(100, 60 + (arm == Holdout.Arm.TREATED ? uplift : 0)
          + random.nextGaussian() * 8)));
      int minScore = Math.max(0, callScore - 25 - random.nextInt(10));
      Instant at = now.minus(Duration.ofHours(3L * i));
      started.add(CallRecord.started(callId, team + "-agent", team, null, "Customer", "en-US", at));
      ended.add(new CallEnding(callId, "completed", 10, new CallSummary(callId, "care-2", callScore, callScore,
          minScore, new Parts(50, 50, 50, 50, 50, 50), List.of(), new Recovery(minScore, 1000, 2000, 1.0),
          new Holdout.Assignment(EXPERIMENT, arm)), at.plusSeconds(300)));
      if (i % 2 == 0) {
        int csat = Math.max(1, Math.min(5, (int) Math.round(1 + 4 * (callScore - 30) / 45.0)));
        outcomes.add(new OutcomeRecord("o-" + callId, callId, csat, null, csat >= 4, "survey", "k-" + callId,
            at.plusSeconds(600)));
      }
    }
    service.store().write(new JournalBatch(started, List.of(), List.of(), List.of(), List.of(), List.of(), ended))
        .await();
    for (OutcomeRecord outcome : outcomes) {
      service.store().saveOutcome(outcome).await();
    }
  }
}
