package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogisticRegressionTest {

  /** Four examples over features 1..4: feature 1 marks the positives, the others are noise. */
  private static final int[][] FEATURES = {{1, 2}, {1, 3}, {2, 4}, {3, 4}};
  private static final boolean[] LABELS = {true, true, false, false};

  private static SparseRows rows() {
    int[] all = {0, 1, 2, 3};
    return SparseRows.of(FEATURES, all, SparseRows.vocabulary(FEATURES, all, 1));
  }

  @Test
  void theFitMinimisesTheRegularisedLossAndSeparatesTheClasses() {
    SparseRows x = rows();
    double[] w = LogisticRegression.fit(x, LABELS, 0.01);
    double[] gradient = new double[w.length];
    LogisticRegression.evaluate(x, LABELS, 0.01, w, gradient);
    for (double g : gradient) {
      assertThat(g).isCloseTo(0, within(1e-5));
    }
    for (int r = 0; r < 4; r++) {
      assertThat(LogisticRegression.logit(x, r, w) > 0).isEqualTo(LABELS[r]);
    }
  }

  @Test
  void theGradientIsTheDerivativeOfTheObjective() {
    SparseRows x = rows();
    double[] w = {0.3, -0.2, 0.1, 0.5, -0.4};
    double[] gradient = new double[w.length];
    double f = LogisticRegression.evaluate(x, LABELS, 0.1, w, gradient);
    for (int j = 0; j < w.length; j++) {
      double[] moved = w.clone();
      moved[j] += 1e-6;
      double fMoved = LogisticRegression.evaluate(x, LABELS, 0.1, moved, new double[w.length]);
      assertThat((fMoved - f) / 1e-6).isCloseTo(gradient[j], within(1e-4));
    }
  }

  @Test
  void theThresholdIsTheMiddleOfTheBestRun() {
    double[] probability = {0.9, 0.8, 0.3, 0.1};
    double[] best = ActTrainer.bestThreshold(probability, LABELS);
    assertThat(best[1]).isEqualTo(1.0);
    assertThat(best[0]).isBetween(0.3, 0.8);
    assertThat(best[0]).isCloseTo(0.55, within(0.02));
  }
}
