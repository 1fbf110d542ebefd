package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.score.Trend;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TriageRankTest {

  private static final AlertSettings SETTINGS = AlertSettings.defaults();
  private static final Alert ESCALATION = new Alert("c1-a1", "c1", AlertKind.ESCALATION_REQUEST, Severity.CRITICAL,
      "customer asked for a manager", 3, 20_000);

  @Test
  void aFallingCallWithAnEngagedCustomerEarlyOn_outranksASteadyOne() {
    TriageRank.Triage falling = TriageRank.of(new TriageRank.Call(45, Trend.FALLING, 60_000, 55_000, false, false, null), SETTINGS);
    TriageRank.Triage steady = TriageRank.of(new TriageRank.Call(55, Trend.STEADY, 60_000, 55_000, false, false, null), SETTINGS);
    assertThat(falling.rank()).isGreaterThan(steady.rank());
    // need = 0.6·55 + 15 = 48; engaged 1.0; timeLeft = 0.4 + 0.6·(1 − 60/360) = 0.9 → 43
    assertThat(falling.rank()).isEqualTo(43);
    assertThat(falling.reason()).isEqualTo("score 45, falling; customer engaged (spoke 5 s ago); 1:00 into a typical 6:00");
  }

  @Test
  void anEscalationLateInACallThatIsWrappingUp_ranksBelowTheSameEarlyOn() {
    TriageRank.Triage early = TriageRank.of(new TriageRank.Call(50, Trend.STEADY, 30_000, 28_000, false, false, ESCALATION), SETTINGS);
    TriageRank.Triage late = TriageRank.of(new TriageRank.Call(50, Trend.STEADY, 400_000, 398_000, true, false, ESCALATION), SETTINGS);
    assertThat(early.rank()).isGreaterThan(late.rank());
    assertThat(early.reason()).contains("customer asked for a manager");
    assertThat(late.reason()).contains("customer wrapping up");
  }

  @Test
  void aGoodRisingCallRanksNearTheBottom() {
    TriageRank.Triage good = TriageRank.of(new TriageRank.Call(75, Trend.RISING, 60_000, 50_000, false, false, null), SETTINGS);
    assertThat(good.rank()).isLessThan(10);
  }

  private static final Alert HOLD = new Alert("c1-a2", "c1", AlertKind.LONG_HOLD, Severity.WARNING,
      "on hold for 61 s (limit 60 s)", 9, 90_000);
  private static final Alert IGNORED = new Alert("c1-a3", "c1", AlertKind.PROMPTS_IGNORED, Severity.INFO,
      "2 prompts dismissed in 10 s while the score fell (57 → 52)", 12, 100_000);

  private static int rank(int score, Trend trend, long callTimeMs, long spokeAtMs, boolean wrappingUp, boolean onHold,
                          Alert worst) {
    return TriageRank.of(new TriageRank.Call(score, trend, callTimeMs, spokeAtMs, wrappingUp, onHold, worst), SETTINGS)
        .rank();
  }

  @Test
  void theRankIsNeedTimesEngagementTimesTimeLeft_asDocsSupervisorSays() {
    // at call start: timeLeft 1.0, customer spoke just now: engaged 1.0; need = 0.6·(100 − score)
    assertThat(rank(50, Trend.STEADY, 0, 0, false, false, null)).isEqualTo(30);
    assertThat(rank(50, Trend.RISING, 0, 0, false, false, null)).isEqualTo(20);
    assertThat(rank(50, Trend.FALLING, 0, 0, false, false, null)).isEqualTo(45);
    assertThat(rank(50, Trend.STEADY, 0, 0, false, false, ESCALATION)).isEqualTo(55);
    assertThat(rank(50, Trend.STEADY, 0, 0, false, false, HOLD)).isEqualTo(42);
    assertThat(rank(50, Trend.STEADY, 0, 0, false, false, IGNORED)).isEqualTo(34);
  }

  @Test
  void needIsCappedAt100AndNeverNegative() {
    assertThat(rank(0, Trend.FALLING, 0, 0, false, false, ESCALATION)).isEqualTo(100);
    assertThat(rank(100, Trend.RISING, 0, 0, false, false, null)).isZero();
  }

  @Test
  void engagementFallsInBands_asTheCustomerGoesQuiet() {
    long now = 120_000; // timeLeft 0.8, need 30
    assertThat(rank(50, Trend.STEADY, now, now - 30_000, false, false, null)).as("30 s: engaged").isEqualTo(24);
    assertThat(rank(50, Trend.STEADY, now, now - 30_001, false, false, null)).as("0.7").isEqualTo(17);
    assertThat(rank(50, Trend.STEADY, now, now - 90_000, false, false, null)).as("90 s: still 0.7").isEqualTo(17);
    assertThat(rank(50, Trend.STEADY, now, now - 90_001, false, false, null)).as("0.4").isEqualTo(10);
    assertThat(rank(50, Trend.STEADY, now, -1, false, false, null)).as("never spoke: 0.4").isEqualTo(10);
    assertThat(rank(50, Trend.STEADY, now, -1, false, true, null)).as("on hold: 0.9").isEqualTo(22);
    assertThat(rank(50, Trend.STEADY, now, now, true, false, null)).as("wrapping up halves it").isEqualTo(12);
  }

  @Test
  void timeLeftShrinksToAFloorOf0_4AtTheTypicalLength() {
    assertThat(rank(50, Trend.STEADY, 180_000, 180_000, false, false, null)).as("half-way: 0.7").isEqualTo(21);
    assertThat(rank(50, Trend.STEADY, 360_000, 360_000, false, false, null)).isEqualTo(12);
    assertThat(rank(50, Trend.STEADY, 900_000, 900_000, false, false, null)).as("overtime keeps the floor")
        .isEqualTo(12);
  }

  @Test
  void theReasonTellsTheSupervisorWhyInTheirWords() {
    long now = 125_000;
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.STEADY, now, now - 400, false, false, null), SETTINGS)
        .reason()).isEqualTo("score 50; customer engaged (spoke just now); 2:05 into a typical 6:00");
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.RISING, now, now - 1_000, false, false, null), SETTINGS)
        .reason()).startsWith("score 50, rising; customer engaged (spoke 1 s ago)");
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.STEADY, now, now - 45_000, true, false, null), SETTINGS)
        .reason()).isEqualTo("score 50; customer quiet for 45 s; customer wrapping up; 2:05 into a typical 6:00");
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.STEADY, now, now - 100_000, false, false, null), SETTINGS)
        .reason()).contains("customer quiet for 100 s");
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.STEADY, now, -1, false, true, HOLD), SETTINGS).reason())
        .isEqualTo("score 50; on hold for 61 s (limit 60 s); customer waiting on hold; 2:05 into a typical 6:00");
    assertThat(TriageRank.of(new TriageRank.Call(50, Trend.STEADY, now, -1, false, false, null), SETTINGS).reason())
        .contains("customer has not spoken yet");
  }

  @Test
  void clockReadsMinutesAndSeconds() {
    assertThat(TriageRank.clock(83_000)).isEqualTo("1:23");
    assertThat(TriageRank.clock(9_999)).isEqualTo("0:09");
    assertThat(TriageRank.clock(3_600_000)).isEqualTo("60:00");
  }

  @Test
  void theCallClockReadsAsMinutesAndTwoDigitSecondsAsItAlwaysDid() {
    assertThat(TriageRank.clock(83_000)).isEqualTo("1:23");
    assertThat(TriageRank.clock(5_000)).isEqualTo("0:05");
    assertThat(TriageRank.clock(600_000)).isEqualTo("10:00");
    for (long ms = -130_000; ms <= 4_000_000; ms += 999) {
      long seconds = ms / 1000;
      assertThat(TriageRank.clock(ms)).isEqualTo(seconds / 60 + ":" + String.format("%02d", seconds % 60));
    }
  }
}
