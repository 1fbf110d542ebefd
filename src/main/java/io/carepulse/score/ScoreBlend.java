package io.carepulse.score;

import java.util.List;

/**
 * care-2's judgement layer: z = intercept + Σ weightᵢ·featureᵢ over the five behaviour parts and four features of the
 * customer's emotional trajectory, and the score is 100·σ(s·z) with s = {@code blend.scaleBelow} for z &lt; 0 and
 * {@code blend.scaleAbove} otherwise. The weights are fitted to outcomes by {@code calibrate}
 * (docs/score-model.md §6), which also puts z = 0 at the priors, so a call with no evidence scores 50, and sets the
 * two scales so the fitted calls use the range. Every feature is scaled to about −1..1 so the weights compare.
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
  private final double scaleBelow;
  private final double scaleAbove;

  private ScoreBlend(double intercept, double[] weights, double scaleBelow, double scaleAbove) {
    this.intercept = intercept;
    this.weights = weights;
    this.scaleBelow = scaleBelow;
    this.scaleAbove = scaleAbove;
  }

  /** The live score's blend: {@code blend.*}. */
  public static ScoreBlend of(ScoringModel model) {
    return read(model, "blend.", "blend.");
  }

  /**
   * The call score's blend: {@code blend.call.<name>} where the file gives one, else the live score's
   * {@code blend.<name>}. The call score judges the whole call, so it may weigh the customer's mood over the whole
   * call where the live score follows its recent turns (docs/score-model.md §5).
   */
  public static ScoreBlend wholeCall(ScoringModel model) {
    return read(model, "blend.call.", "blend.");
  }

  private static ScoreBlend read(ScoringModel model, String prefix, String fallback) {
    double[] weights = new double[FEATURES.size()];
    for (int i = 0; i < weights.length; i++) {
      String name = FEATURES.get(i);
      weights[i] = model.number(prefix + name, model.number(fallback + name));
      if (!Double.isFinite(weights[i]) || Math.abs(weights[i]) > 50) {
        throw new IllegalArgumentException("model " + model.id() + ": " + prefix + name
            + " must be a finite number within ±50");
      }
    }
    double intercept = model.number(prefix + "intercept", model.number(fallback + "intercept"));
    if (!Double.isFinite(intercept) || Math.abs(intercept) > 50) {
      throw new IllegalArgumentException("model " + model.id() + ": " + prefix + "intercept must be finite, within ±50");
    }
    // A file fitted before the scales existed scores as it did: 100·σ(z).
    double below = model.number("blend.scaleBelow", 1);
    double above = model.number("blend.scaleAbove", 1);
    if (!(below > 0 && below <= 50 && above > 0 && above <= 50)) {
      throw new IllegalArgumentException("model " + model.id() + ": blend.scaleBelow and blend.scaleAbove must be"
          + " within (0, 50]");
    }
    return new ScoreBlend(intercept, weights, below, above);
  }

  public static ScoreBlend of(double intercept, double[] weights) {
    if (weights.length != FEATURES.size()) {
      throw new IllegalArgumentException("a blend needs " + FEATURES.size() + " weights");
    }
    return new ScoreBlend(intercept, weights.clone(), 1, 1);
  }

  /** The features of a call with no evidence yet: every part at its prior, the customer's mood at its prior. */
  public static double[] neutral(ScoringModel model) {
    double mood = model.number("prior.emotion");
    return features(model.number("prior.empathy"), model.number("prior.ownership"), model.number("prior.listening"),
        model.number("prior.responsiveness"), model.number("prior.personal"), mood, mood, mood);
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
    double z = z(features);
    return 100 / (1 + Math.exp(-z * (z < 0 ? scaleBelow : scaleAbove)));
  }

  public double intercept() {
    return intercept;
  }

  public double weight(int feature) {
    return weights[feature];
  }

  public double scaleBelow() {
    return scaleBelow;
  }

  public double scaleAbove() {
    return scaleAbove;
  }
}
