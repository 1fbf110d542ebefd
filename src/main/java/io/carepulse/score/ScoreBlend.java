package io.carepulse.score;

import java.util.List;

/**
 * care-2's judgement layer: the score is 100·σ(z), z = intercept + Σ weightᵢ·featureᵢ, over the five behaviour
 * parts and four features of the customer's emotional trajectory. The weights are fitted to outcomes by
 * {@code calibrate} (docs/score-model.md §6); every feature is scaled to about −1..1 so the weights compare.
 */
public final class ScoreBlend {

  /** The blend's inputs, in the order of {@link #weights}; the names are the model file's {@code blend.<name>}. */
  public static final List<String> FEATURES = List.of("empathy", "ownership", "listening", "responsiveness",
      "personal", "level", "end", "trough", "recovery");
  public static final int EMPATHY = 0;
  public static final int OWNERSHIP = 1;
  public static final int LISTENING = 2;
  public static final int RESPONSIVENESS = 3;
  public static final int PERSONAL = 4;
  public static final int LEVEL = 5;
  public static final int END = 6;
  public static final int TROUGH = 7;
  public static final int RECOVERY = 8;

  private final double intercept;
  private final double[] weights;

  private ScoreBlend(double intercept, double[] weights) {
    this.intercept = intercept;
    this.weights = weights;
  }

  public static ScoreBlend of(ScoringModel model) {
    double[] weights = new double[FEATURES.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = model.number("blend." + FEATURES.get(i));
      if (!Double.isFinite(weights[i]) || Math.abs(weights[i]) > 50) {
        throw new IllegalArgumentException("model " + model.id() + ": blend." + FEATURES.get(i)
            + " must be a finite number within ±50");
      }
    }
    double intercept = model.number("blend.intercept");
    if (!Double.isFinite(intercept) || Math.abs(intercept) > 50) {
      throw new IllegalArgumentException("model " + model.id() + ": blend.intercept must be finite, within ±50");
    }
    return new ScoreBlend(intercept, weights);
  }

  public static ScoreBlend of(double intercept, double[] weights) {
    if (weights.length != FEATURES.size()) {
      throw new IllegalArgumentException("a blend needs " + FEATURES.size() + " weights");
    }
    return new ScoreBlend(intercept, weights.clone());
  }

  /** A 0–100 part value as a blend feature. */
  public static double part(double value) {
    return (value - 50) / 50;
  }

  /** The features of one moment from the parts (0–100) and the mood trajectory (0–100). */
  public static double[] features(double empathy, double ownership, double listening, double responsiveness,
                                  double personal, double level, double end, double trough) {
    return new double[] {part(empathy), part(ownership), part(listening), part(responsiveness), part(personal),
        part(level), part(end), part(trough), (end - trough) / 50};
  }

  /**
   * Takes the customer's emotional trajectory out of {@code features} (in place): its four features contribute
   * nothing, and the score rests on the behaviour parts. For a call whose customer emotion cannot be read.
   */
  public static void withoutEmotion(double[] features) {
    for (int i = LEVEL; i <= RECOVERY; i++) {
      features[i] = 0;
    }
  }

  public double z(double[] features) {
    double z = intercept;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * features[i];
    }
    return z;
  }

  /** The 0–100 score of these features. */
  public double score(double[] features) {
    return 100 / (1 + Math.exp(-z(features)));
  }

  public double intercept() {
    return intercept;
  }

  public double weight(int feature) {
    return weights[feature];
  }
}
