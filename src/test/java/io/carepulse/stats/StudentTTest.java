package io.carepulse.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pieces under the uplift report's intervals (docs/uplift.md): Student's t, the incomplete beta and log-gamma it
 * rests on, and what the comparisons answer for data too small or too flat to say anything.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StudentTTest {

  @Test
  void theCdfMatchesTheTables_onBothSidesOfZero() {
    assertThat(StudentT.cdf(0, 5)).isEqualTo(0.5, within(1e-12));
    assertThat(StudentT.cdf(2.2281, 10)).isEqualTo(0.975, within(1e-5));
    assertThat(StudentT.cdf(-2.2281, 10)).isEqualTo(0.025, within(1e-5));
    assertThat(StudentT.cdf(1.0, 1)).as("Cauchy: 1/2 + atan(1)/pi").isEqualTo(0.75, within(1e-9));
    assertThat(StudentT.cdf(Double.NaN, 5)).isNaN();
    assertThat(StudentT.cdf(1, 0)).isNaN();
    assertThat(StudentT.cdf(1, Double.NaN)).isNaN();
  }

  @Test
  void quantilesExistOnlyStrictlyBetweenZeroAndOne() {
    assertThat(StudentT.quantile(0.5, 7)).isEqualTo(0.0, within(1e-6));
    assertThat(StudentT.quantile(0.75, 1)).isEqualTo(1.0, within(1e-6));
    assertThat(StudentT.quantile(0.95, 5)).isEqualTo(2.0150, within(1e-4));
    assertThat(StudentT.quantile(0, 5)).isNaN();
    assertThat(StudentT.quantile(1, 5)).isNaN();
    assertThat(StudentT.quantile(0.9, 0)).isNaN();
  }

  @Test
  void theIncompleteBetaRunsFromZeroToOne_andMatchesClosedForms() {
    assertThat(StudentT.incompleteBeta(2, 3, 0)).isZero();
    assertThat(StudentT.incompleteBeta(2, 3, -0.1)).isZero();
    assertThat(StudentT.incompleteBeta(2, 3, 1)).isEqualTo(1);
    assertThat(StudentT.incompleteBeta(2, 3, 1.1)).isEqualTo(1);
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b: below and above the switch to the symmetry
    for (double x : new double[] {0.1, 0.3, 0.5, 0.7, 0.9}) {
      assertThat(StudentT.incompleteBeta(1, 1, x)).as("x=%s", x).isEqualTo(x, within(1e-12));
      assertThat(StudentT.incompleteBeta(3, 1, x)).as("x=%s", x).isEqualTo(x * x * x, within(1e-12));
      assertThat(StudentT.incompleteBeta(1, 4, x)).as("x=%s", x).isEqualTo(1 - Math.pow(1 - x, 4), within(1e-12));
    }
  }

  @Test
  void logGammaMatchesKnownValues_belowOneHalfToo() {
    assertThat(StudentT.logGamma(1)).isEqualTo(0.0, within(1e-12));
    assertThat(StudentT.logGamma(5)).isEqualTo(Math.log(24), within(1e-12));
    assertThat(StudentT.logGamma(0.5)).isEqualTo(0.5 * Math.log(Math.PI), within(1e-12));
    assertThat(StudentT.logGamma(0.25)).isEqualTo(Math.log(3.625609908221908), within(1e-12));
  }

  @Test
  void armsWithoutSpreadDifferExactly() {
    WelchComparison welch = WelchComparison.of(new double[] {1, 1, 1}, new double[] {0, 0});
    assertThat(welch.difference()).isEqualTo(1.0);
    assertThat(welch.ci95()).isEqualTo(new Interval(1.0, 1.0));
    assertThat(welch.degreesOfFreedom()).isEqualTo(3.0);
    WelchComparison two = WelchComparison.of(new double[] {1, 3}, new double[] {0, 2});
    assertThat(two.treatedN()).isEqualTo(2);
    assertThat(two.ci95().defined()).as("two values per arm are enough").isTrue();
    assertThat(WelchComparison.variance(new double[] {1, 3}, 2)).isEqualTo(2.0);
    assertThat(WelchComparison.variance(new double[] {2, 4, 9}, 5)).isEqualTo(13.0);
  }

  @Test
  void anIntervalWithEitherBoundMissingIsUndefined() {
    assertThat(new Interval(0, 1).defined()).isTrue();
    assertThat(new Interval(Double.NaN, 1).defined()).isFalse();
    assertThat(new Interval(0, Double.NaN).defined()).isFalse();
    assertThat(Interval.UNDEFINED.defined()).isFalse();
  }

  @Test
  void pairedStatisticsRefuseSamplesOfDifferentLengths_andNeedTwoPairs() {
    assertThatThrownBy(() -> RankStatistics.pearson(new double[] {1, 2}, new double[] {1}))
        .hasMessage("paired samples differ in length: 2 vs 1");
    assertThatThrownBy(() -> RankStatistics.spearman(new double[] {1}, new double[] {1, 2, 3}))
        .hasMessage("paired samples differ in length: 1 vs 3");
    assertThat(RankStatistics.pearson(new double[] {1}, new double[] {2})).isNaN();
    assertThat(RankStatistics.pearson(new double[] {1, 2}, new double[] {2, 4})).isEqualTo(1.0, within(1e-12));
    assertThat(RankStatistics.mean(new double[] {})).isNaN();
    assertThat(RankStatistics.mean(new double[] {1, 2, 6})).isEqualTo(3.0);
  }

  @Test
  void aurocCountsEveryPositiveAgainstEveryNegative_inWhateverOrderTheyCome() {
    assertThat(RankStatistics.auroc(new double[] {5, 1, 3}, new double[] {4, 2})).isEqualTo(3.0 / 6);
    assertThat(RankStatistics.auroc(new double[] {9, 1}, new double[] {1})).isEqualTo(0.25);
    assertThat(RankStatistics.aurocBootstrap(new double[] {1, 2}, new double[] {3, 4}, 1, 7).low()).isEqualTo(1.0);
    assertThat(RankStatistics.aurocBootstrap(new double[] {1, 2}, new double[] {3, 4}, 0, 7).defined()).isFalse();
    assertThat(RankStatistics.percentile(new double[] {10, 20, 30, 40}, 0.5)).isEqualTo(25.0);
    assertThat(RankStatistics.percentile(new double[] {10, 20, 30, 40}, 1.0)).isEqualTo(40.0);
  }

  @Test
  void fisherIntervalsNeedFourPairs() {
    assertThat(RankStatistics.pearsonInterval(0.5, 3).defined()).isFalse();
    assertThat(RankStatistics.pearsonInterval(0.5, 4).defined()).isTrue();
    assertThat(RankStatistics.pearsonInterval(Double.NaN, 40).defined()).isFalse();
  }
}
