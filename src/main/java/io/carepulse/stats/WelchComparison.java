package io.carepulse.stats;

/**
 * Treated minus control: the difference of two means with Welch's 95% interval, which does not assume the arms share
 * a variance (degrees of freedom by Welch–Satterthwaite). For rates, the values are 0 and 1, and the interval is the
 * unpooled (Wald) one with a t quantile. Fields are NaN where undefined (an arm with fewer than 2 values).
 */
public record WelchComparison(int treatedN, double treatedMean, int controlN, double controlMean, double difference,
                              Interval ci95, double degreesOfFreedom) {

  public static WelchComparison of(double[] treated, double[] control) {
    int n1 = treated.length;
    int n2 = control.length;
    double m1 = n1 == 0 ? Double.NaN : RankStatistics.mean(treated);
    double m2 = n2 == 0 ? Double.NaN : RankStatistics.mean(control);
    double difference = m1 - m2;
    if (n1 < 2 || n2 < 2) {
      return new WelchComparison(n1, m1, n2, m2, difference, Interval.UNDEFINED, Double.NaN);
    }
    double a = variance(treated, m1) / n1;
    double b = variance(control, m2) / n2;
    double se = Math.sqrt(a + b);
    if (se == 0) {
      // Both arms constant: the difference is exact.
      return new WelchComparison(n1, m1, n2, m2, difference, new Interval(difference, difference), n1 + n2 - 2);
    }
    double df = (a + b) * (a + b) / (a * a / (n1 - 1) + b * b / (n2 - 1));
    double t = StudentT.quantile(0.975, df);
    return new WelchComparison(n1, m1, n2, m2, difference,
        new Interval(difference - t * se, difference + t * se), df);
  }

  /** The sample variance (n − 1 in the denominator). */
  static double variance(double[] values, double mean) {
    double sum = 0;
    for (double value : values) {
      sum += (value - mean) * (value - mean);
    }
    return sum / (values.length - 1);
  }
}
