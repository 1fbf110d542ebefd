package io.carepulse.score;

/**
 * A part's value as a weighted average of its evidence plus a prior, kept two ways: rolling (each piece of evidence
 * halves in weight every half-life of call time) and whole-call (no decay). Constant time and space per update.
 */
final class RollingPart {

  private final double prior;
  private final double priorWeight;
  private final double halfLifeMs;

  private double rollingWeighted;
  private double rollingWeight;
  private long rollingAtMs;
  private double callWeighted;
  private double callWeight;
  /** The last decay computed: the score asks for the same elapsed time several times per frame. */
  private long decayElapsedMs;
  private double decay = 1.0;

  RollingPart(double prior, double priorWeight, double halfLifeMs) {
    this.prior = prior;
    this.priorWeight = priorWeight;
    this.halfLifeMs = halfLifeMs;
  }

  void add(double value, double weight, long atMs) {
    decayTo(atMs);
    rollingWeighted += value * weight;
    rollingWeight += weight;
    callWeighted += value * weight;
    callWeight += weight;
  }

  /** The rolling value as it stands at {@code atMs}; evidence fades back toward the prior as time passes. */
  double rolling(long atMs) {
    double factor = decayFactor(atMs - rollingAtMs);
    return (prior * priorWeight + rollingWeighted * factor) / (priorWeight + rollingWeight * factor);
  }

  /** The rolling value as if one more piece of evidence were in (a provisional reading), without keeping it. */
  double rollingWith(double value, double weight, long atMs) {
    double factor = decayFactor(atMs - rollingAtMs);
    return (prior * priorWeight + rollingWeighted * factor + value * weight)
        / (priorWeight + rollingWeight * factor + weight);
  }

  double wholeCall() {
    return (prior * priorWeight + callWeighted) / (priorWeight + callWeight);
  }

  private void decayTo(long atMs) {
    if (atMs > rollingAtMs) {
      double factor = decayFactor(atMs - rollingAtMs);
      rollingWeighted *= factor;
      rollingWeight *= factor;
      rollingAtMs = atMs;
    }
  }

  private double decayFactor(long elapsedMs) {
    if (elapsedMs <= 0) {
      return 1.0;
    }
    if (elapsedMs != decayElapsedMs) {
      decay = Math.pow(0.5, elapsedMs / halfLifeMs);
      decayElapsedMs = elapsedMs;
    }
    return decay;
  }
}
