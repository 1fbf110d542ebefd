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
