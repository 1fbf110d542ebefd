package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A speaker's running baseline (care-1 §3.1): Welford mean and sample sd, z clamped to ±4, nothing before 2 values. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RunningBaselineTest {

  private static final double EPS = 1e-9;

  @Test
  void firstTwoValues_haveNoBaselineToJudgeAgainst() {
    RunningBaseline baseline = new RunningBaseline();
    assertThat(baseline.zScoreThenAdd(100)).isZero();
    assertThat(baseline.zScoreThenAdd(-50)).isZero();
    assertThat(baseline.count()).isEqualTo(2);
  }

  @Test
  void thirdValue_isJudgedByTheSampleMeanAndStandardDeviationOfTheFirstTwo() {
    RunningBaseline baseline = new RunningBaseline();
    baseline.zScoreThenAdd(60);
    baseline.zScoreThenAdd(62);
    // mean 61, sample sd √2: 63 is √2 sd above
    assertThat(baseline.zScoreThenAdd(63)).isCloseTo(2 / Math.sqrt(2), within(EPS));
    // now 60, 62, 63: mean 61.667, sample variance ((1.667²+0.333²+1.333²)/2) = 2.333
    double mean = (60 + 62 + 63) / 3.0;
    double sd = Math.sqrt(((60 - mean) * (60 - mean) + (62 - mean) * (62 - mean) + (63 - mean) * (63 - mean)) / 2);
    assertThat(baseline.zScoreThenAdd(58)).isCloseTo((58 - mean) / sd, within(EPS));
    assertThat(baseline.count()).isEqualTo(4);
  }

  @Test
  void zIsClampedToFourEitherWay_andAFlatBaselineDoesNotDivideByZero() {
    RunningBaseline baseline = new RunningBaseline();
    baseline.zScoreThenAdd(60);
    baseline.zScoreThenAdd(62);
    assertThat(baseline.zScoreThenAdd(1000)).isEqualTo(4);
    RunningBaseline other = new RunningBaseline(); // a fresh baseline: 1000 has widened the first one
    other.zScoreThenAdd(60);
    other.zScoreThenAdd(62);
    assertThat(other.zScoreThenAdd(-1000)).isEqualTo(-4);
    RunningBaseline flat = new RunningBaseline();
    flat.zScoreThenAdd(60);
    flat.zScoreThenAdd(60);
    assertThat(flat.zScoreThenAdd(60)).isZero();
    assertThat(flat.zScoreThenAdd(61)).isEqualTo(4);
  }
}
