package io.carepulse.stats;

/**
 * Student's t distribution: its CDF through the regularised incomplete beta function (Lentz's continued fraction)
 * and its quantiles by bisection on the CDF. Fractional degrees of freedom are allowed, as Welch's test needs.
 */
public final class StudentT {

  private StudentT() {
  }

  /** P(T ≤ t) for {@code df} degrees of freedom. */
  public static double cdf(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      return Double.NaN;
    }
    double x = df / (df + t * t);
    double tail = 0.5 * incompleteBeta(df / 2, 0.5, x);
    return t >= 0 ? 1 - tail : tail;
  }

  /** The t with P(T ≤ t) = p, for 0 < p < 1. */
  public static double quantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0)) {
      return Double.NaN;
    }
    double low = -1e3;
    double high = 1e3;
    for (int i = 0; i < 200 && high - low > 1e-12; i++) {
      double mid = (low + high) / 2;
      if (cdf(mid, df) < p) {
        low = mid;
      } else {
        high = mid;
      }
    }
    return (low + high) / 2;
  }

  /** The regularised incomplete beta function I_x(a, b). */
  static double incompleteBeta(double a, double b, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    // The continued fraction converges fast for x below (a + 1) / (a + b + 2); use the symmetry above it.
    if (x < (a + 1) / (a + b + 2)) {
      return front * continuedFraction(a, b, x) / a;
    }
    return 1 - front * continuedFraction(b, a, 1 - x) / b;
  }

  private static double continuedFraction(double a, double b, double x) {
    double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 300; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + even * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + even / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + odd * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + odd / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < 1e-15) {
        break;
      }
    }
    return h;
  }

  /** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
  static double logGamma(double x) {
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    double z = x - 1;
    double sum = g[0];
    for (int i = 1; i < g.length; i++) {
      sum += g[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
