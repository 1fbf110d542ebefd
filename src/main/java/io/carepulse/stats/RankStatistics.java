package io.carepulse.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The few statistics CarePulse reports when it compares its score with what customers said: Pearson and Spearman
 * correlation with Fisher-z intervals, and the AUROC of separating unhappy from happy calls with a bootstrap
 * interval. Pure functions over arrays; undefined results (no variance, too few values) are NaN, never an exception.
 */
public final class RankStatistics {

  /** Two-sided 95% normal quantile. */
  private static final double Z95 = 1.959963984540054;

  private RankStatistics() {
  }

  public static double pearson(double[] x, double[] y) {
    requireSameLength(x, y);
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double meanX = mean(x);
    double meanY = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Spearman's rho: Pearson over ranks, tied values sharing their average rank. */
  public static double spearman(double[] x, double[] y) {
    requireSameLength(x, y);
    return pearson(averageRanks(x), averageRanks(y));
  }

  /** 1-based ranks; tied values get the mean of the ranks they span (e.g. 2.5 for a tie at places 2 and 3). */
  public static double[] averageRanks(double[] values) {
    int n = values.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start;
      while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1;
      for (int k = start; k <= end; k++) {
        ranks[order[k]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }

  /** 95% interval for a Pearson r by Fisher's z with standard error 1/sqrt(n-3). */
  public static Interval pearsonInterval(double r, int n) {
    return fisherInterval(r, n, 1.0);
  }

  /**
   * 95% interval for a Spearman rho by Fisher's z with the Fieller–Hartley–Pearson (1957) standard error
   * sqrt(1.06/(n-3)), which holds for |rho| up to about 0.8.
   */
  public static Interval spearmanInterval(double rho, int n) {
    return fisherInterval(rho, n, 1.06);
  }

  private static Interval fisherInterval(double r, int n, double varianceFactor) {
    if (Double.isNaN(r) || n < 4) {
      return Interval.UNDEFINED;
    }
    double clipped = Math.max(-0.999999, Math.min(0.999999, r));
    double z = atanh(clipped);
    double half = Z95 * Math.sqrt(varianceFactor / (n - 3));
    return new Interval(Math.tanh(z - half), Math.tanh(z + half));
  }

  /**
   * Area under the ROC curve for telling {@code positives} (e.g. happy calls) from {@code negatives} (unhappy calls)
   * with "higher score means positive": the Mann–Whitney probability that a random positive outscores a random
   * negative, ties counted half.
   */
  public static double auroc(double[] negatives, double[] positives) {
    if (negatives.length == 0 || positives.length == 0) {
      return Double.NaN;
    }
    double[] sortedNegatives = negatives.clone();
    Arrays.sort(sortedNegatives);
    double wins = 0;
    for (double p : positives) {
      int below = lowerBound(sortedNegatives, p);
      int notAbove = upperBound(sortedNegatives, p);
      wins += below + 0.5 * (notAbove - below);
    }
    return wins / ((double) negatives.length * positives.length);
  }

  /**
   * Percentile bootstrap 95% interval of the AUROC: each resample draws the negatives and the positives separately
   * with replacement (keeping the group sizes), so a fixed seed gives the same interval every run.
   */
  public static Interval aurocBootstrap(double[] negatives, double[] positives, int resamples, long seed) {
    if (negatives.length == 0 || positives.length == 0 || resamples < 1) {
      return Interval.UNDEFINED;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double[] estimates = new double[resamples];
    double[] negativeDraw = new double[negatives.length];
    double[] positiveDraw = new double[positives.length];
    for (int r = 0; r < resamples; r++) {
      draw(negatives, negativeDraw, random);
      draw(positives, positiveDraw, random);
      estimates[r] = auroc(negativeDraw, positiveDraw);
    }
    Arrays.sort(estimates);
    return new Interval(percentile(estimates, 0.025), percentile(estimates, 0.975));
  }

  /** Linear interpolation between closest ranks of a sorted array (the common "type 7" definition). */
  static double percentile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    double fraction = position - lower;
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
  }

  public static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static void draw(double[] from, double[] into, SplittableRandom random) {
    for (int i = 0; i < into.length; i++) {
      into[i] = from[random.nextInt(from.length)];
    }
  }

  private static int lowerBound(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static int upperBound(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] <= value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static double atanh(double x) {
    return 0.5 * Math.log((1 + x) / (1 - x));
  }

  private static void requireSameLength(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + x.length + " vs " + y.length);
    }
  }
}
