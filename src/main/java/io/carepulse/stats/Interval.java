package io.carepulse.stats;

/** A two-sided confidence interval around an estimate; bounds are NaN when the estimate is undefined. */
public record Interval(double low, double high) {

  public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

  public boolean defined() {
    return !Double.isNaN(low) && !Double.isNaN(high);
  }
}
