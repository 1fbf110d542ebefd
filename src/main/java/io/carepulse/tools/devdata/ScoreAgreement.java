package io.carepulse.tools.devdata;

import io.carepulse.stats.Interval;
import io.carepulse.stats.RankStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * How well one measure agrees with what customers said: the AUROC of unhappy (rating ≤ 2) versus happy (≥ 4),
 * higher score meaning happier, with a bootstrap interval, and Spearman's rho with the rating over all calls.
 */
public record ScoreAgreement(String measure, int n, int unhappy, int happy, double auroc, Interval aurocInterval,
                             double spearman, Interval spearmanInterval) {

  /** Fixed so that two runs print the same interval. */
  public static final long BOOTSTRAP_SEED = 20_201_027L;
  public static final int BOOTSTRAP_RESAMPLES = 1_000;

  public static ScoreAgreement of(String measure, double[] scores, int[] ratings, int unhappyAtMost, int happyAtLeast) {
    List<Double> unhappy = new ArrayList<>();
    List<Double> happy = new ArrayList<>();
    double[] ratingValues = new double[ratings.length];
    for (int i = 0; i < ratings.length; i++) {
      ratingValues[i] = ratings[i];
      if (ratings[i] <= unhappyAtMost) {
        unhappy.add(scores[i]);
      } else if (ratings[i] >= happyAtLeast) {
        happy.add(scores[i]);
      }
    }
    double[] unhappyScores = unhappy.stream().mapToDouble(Double::doubleValue).toArray();
    double[] happyScores = happy.stream().mapToDouble(Double::doubleValue).toArray();
    double rho = RankStatistics.spearman(scores, ratingValues);
    return new ScoreAgreement(measure, scores.length, unhappyScores.length, happyScores.length,
        RankStatistics.auroc(unhappyScores, happyScores),
        RankStatistics.aurocBootstrap(unhappyScores, happyScores, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED),
        rho, RankStatistics.spearmanInterval(rho, scores.length));
  }

  static String figure(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(java.util.Locale.ROOT, "%.3f", value);
  }

  static String interval(Interval interval) {
    return interval.defined() ? "[" + figure(interval.low()) + ", " + figure(interval.high()) + "]" : "n/a";
  }
}
