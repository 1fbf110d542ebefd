package io.carepulse.engine;

import io.carepulse.coach.CoachingPolicy;
import io.carepulse.coach.Holdout;
import io.carepulse.score.ScoringModel;
import io.carepulse.score.sentiment.SentimentAnalyzer;

/**
 * Everything the core needs to score and coach a call. Built once at start-up (or per team playbook) and shared
 * read-only by every call. {@code holdout} is the team's uplift experiment ({@link Holdout#NONE} without one).
 */
public record CoreConfig(ScoringModel model, CoachingPolicy coaching, SentimentAnalyzer sentiment,
                         long emitMinIntervalMs, Holdout holdout) {

  public CoreConfig {
    holdout = holdout == null ? Holdout.NONE : holdout;
  }

  public CoreConfig(ScoringModel model, CoachingPolicy coaching, SentimentAnalyzer sentiment, long emitMinIntervalMs) {
    this(model, coaching, sentiment, emitMinIntervalMs, Holdout.NONE);
  }

  public static CoreConfig defaults() {
    ScoringModel model = ScoringModel.standard();
    return new CoreConfig(model, CoachingPolicy.defaults(), SentimentAnalyzer.standard(),
        model.millis("emit.minIntervalMs"));
  }

  /** The defaults with a shipped model (care-1, care-2). */
  public static CoreConfig forModel(String id) {
    return forModel(ScoringModel.named(id));
  }

  /** The defaults with this model; care-1 keeps the coaching it shipped with. */
  public static CoreConfig forModel(ScoringModel model) {
    CoreConfig config = defaults().withModel(model);
    // care-1 replays exactly as it shipped, coaching included.
    return model.scorer().equals(ScoringModel.CARE_1) ? config.withCoaching(CoachingPolicy.care1()) : config;
  }

  public CoreConfig withCoaching(CoachingPolicy policy) {
    return new CoreConfig(model, policy, sentiment, emitMinIntervalMs, holdout);
  }

  public CoreConfig withHoldout(Holdout changed) {
    return new CoreConfig(model, coaching, sentiment, emitMinIntervalMs, changed);
  }

  public CoreConfig withModel(ScoringModel changed) {
    return new CoreConfig(changed, coaching, sentiment, emitMinIntervalMs, holdout);
  }

  public String modelId() {
    return model.id();
  }
}
