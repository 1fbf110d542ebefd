package io.carepulse.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WelchComparisonTest {

  /** Student t quantiles from the standard tables. */
  @Test
  void tQuantilesMatchTheTables() {
    assertThat(StudentT.quantile(0.975, 1)).isCloseTo(12.7062, within(1e-4));
    assertThat(StudentT.quantile(0.975, 10)).isCloseTo(2.2281, within(1e-4));
    assertThat(StudentT.quantile(0.975, 30)).isCloseTo(2.0423, within(1e-4));
    assertThat(StudentT.quantile(0.975, 1e6)).isCloseTo(1.9600, within(1e-4));
    assertThat(StudentT.quantile(0.025, 10)).isCloseTo(-2.2281, within(1e-4));
  }

  /**
   * Worked by hand: treated 1 2 3 4 5 (mean 3, s² 2.5), control 2 4 6 (mean 4, s² 4). a = 0.5, b = 1.333, se = 1.354;
   * df = 3.3611 / (0.0625 + 0.8889) = 3.533; t(0.975, 3.533) = 2.9274 (scipy); interval −1 ± 3.938.
   */
  @Test
  void aSmallCaseMatchesTheHandComputation() {
    WelchComparison welch = WelchComparison.of(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6});
    assertThat(welch.difference()).isEqualTo(-1.0);
    assertThat(welch.degreesOfFreedom()).isCloseTo(3.533, within(1e-3));
    assertThat(welch.ci95().low()).isCloseTo(-1 - 2.9274 * 1.3540, within(2e-3));
    assertThat(welch.ci95().high()).isCloseTo(-1 + 2.9274 * 1.3540, within(2e-3));
  }

  /** Over 2,000 simulated experiments with unequal variances and arms, the interval holds the truth about 95% of the time. */
  @Test
  void theIntervalCoversTheTrueDifferenceNinetyFivePercentOfTheTime() {
    SplittableRandom random = new SplittableRandom(42);
    int covered = 0;
    int runs = 2000;
    for (int run = 0; run < runs; run++) {
      double[] treated = new double[20];
      double[] control = new double[45];
      for (int i = 0; i < treated.length; i++) {
        treated[i] = 5 + 3 * random.nextGaussian();
      }
      for (int i = 0; i < control.length; i++) {
        control[i] = 4 + 1 * random.nextGaussian();
      }
      Interval ci = WelchComparison.of(treated, control).ci95();
      covered += ci.low() < 1 && 1 < ci.high() ? 1 : 0;
    }
    // Binomial(2000, 0.95): sd ≈ 0.5 percentage points.
    assertThat(covered / (double) runs).isBetween(0.935, 0.965);
  }

  @Test
  void anArmWithFewerThanTwoValuesHasNoInterval() {
    WelchComparison welch = WelchComparison.of(new double[] {1}, new double[] {2, 3});
    assertThat(welch.ci95().defined()).isFalse();
    assertThat(WelchComparison.of(new double[] {}, new double[] {}).difference()).isNaN();
  }
}
