package io.carepulse.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RankStatisticsTest {

  @Test
  void tiedValuesShareTheirAverageRank() {
    assertThat(RankStatistics.averageRanks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
    assertThat(RankStatistics.averageRanks(new double[] {3, 1, 3, 3})).containsExactly(3, 1, 3, 3);
  }

  @Test
  void pearsonMatchesTheHandComputedValue() {
    // dx = -1,0,1; dy = -7/3,-1/3,8/3: sxy = 5, sxx = 2, syy = 114/9, r = 5 / sqrt(228/9)
    double expected = 5 / Math.sqrt(228.0 / 9);
    assertThat(RankStatistics.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7})).isCloseTo(expected, within(1e-12));
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    // ranks of y: 1, 2, 3.5, 5, 3.5 -> sxy = 8, sxx = 10, syy = 9.5
    double rho = RankStatistics.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7});
    assertThat(rho).isCloseTo(8 / Math.sqrt(95), within(1e-12));
  }

  @Test
  void perfectOrderIsOneAndReversedIsMinusOne() {
    double[] x = {1, 2, 3, 4};
    assertThat(RankStatistics.spearman(x, new double[] {10, 100, 1000, 10000})).isCloseTo(1.0, within(1e-12));
    assertThat(RankStatistics.spearman(x, new double[] {4, 3, 2, 1})).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void aConstantScoreHasNoCorrelation() {
    assertThat(RankStatistics.pearson(new double[] {1, 2, 3}, new double[] {50, 50, 50})).isNaN();
    assertThat(RankStatistics.spearmanInterval(Double.NaN, 100).defined()).isFalse();
  }

  @Test
  void pairedSamplesMustHaveTheSameLength() {
    assertThatThrownBy(() -> RankStatistics.spearman(new double[] {1}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aurocCountsTiesHalf() {
    // positive 2: beats 1, ties 2, loses to 3 -> 1.5; positive 4 beats all three -> 3; 4.5 of 6 pairs
    assertThat(RankStatistics.auroc(new double[] {1, 2, 3}, new double[] {2, 4})).isEqualTo(0.75);
    assertThat(RankStatistics.auroc(new double[] {5, 5}, new double[] {5})).isEqualTo(0.5);
    assertThat(RankStatistics.auroc(new double[] {1, 2}, new double[] {3, 4})).isEqualTo(1.0);
    assertThat(RankStatistics.auroc(new double[] {3, 4}, new double[] {1, 2})).isEqualTo(0.0);
    assertThat(RankStatistics.auroc(new double[] {}, new double[] {1})).isNaN();
  }

  @Test
  void fisherIntervalMatchesTheHandComputedValue() {
    // z = atanh(0.5) = 0.5493, half-width 1.96 / sqrt(25) = 0.392
    Interval interval = RankStatistics.pearsonInterval(0.5, 28);
    assertThat(interval.low()).isCloseTo(0.15603, within(1e-5));
    assertThat(interval.high()).isCloseTo(0.73582, within(1e-5));
    Interval spearman = RankStatistics.spearmanInterval(0.5, 28);
    assertThat(spearman.low()).isLessThan(interval.low());
    assertThat(spearman.high()).isGreaterThan(interval.high());
  }

  @Test
  void bootstrapIsReproducibleAndBracketsTheEstimate() {
    double[] unhappy = {0.1, 0.4, 0.35, 0.8, 0.2, 0.5, 0.3};
    double[] happy = {0.6, 0.9, 0.45, 0.7, 0.3, 0.85, 0.95, 0.55};
    double estimate = RankStatistics.auroc(unhappy, happy);
    Interval first = RankStatistics.aurocBootstrap(unhappy, happy, 1000, 42);
    Interval second = RankStatistics.aurocBootstrap(unhappy, happy, 1000, 42);
    assertThat(first).isEqualTo(second);
    assertThat(first.low()).isLessThan(estimate).isGreaterThanOrEqualTo(0);
    assertThat(first.high()).isGreaterThan(estimate).isLessThanOrEqualTo(1);
  }

  @Test
  void percentileInterpolatesBetweenClosestRanks() {
    double[] sorted = {1, 2, 3, 4};
    assertThat(RankStatistics.percentile(sorted, 0.025)).isCloseTo(1.075, within(1e-12));
    assertThat(RankStatistics.percentile(sorted, 0.975)).isCloseTo(3.925, within(1e-12));
  }
}
