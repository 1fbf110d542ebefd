package io.carepulse.score;

/** A speaker's running mean and spread of one audio feature (Welford's method), to judge a new value against. */
final class RunningBaseline {

  private long count;
  private double mean;
  private double sumSquares;

  /** How far {@code value} sits from the baseline so far, in standard deviations; then learns from it. */
  double zScoreThenAdd(double value) {
    double z = 0;
    if (count >= 2) {
      double sd = Math.sqrt(sumSquares / (count - 1));
      z = (value - mean) / Math.max(sd, 1e-6);
      z = Math.max(-4, Math.min(4, z));
    }
    count++;
    double delta = value - mean;
    mean += delta / count;
    sumSquares += delta * (value - mean);
    return z;
  }

  long count() {
    return count;
  }
}
