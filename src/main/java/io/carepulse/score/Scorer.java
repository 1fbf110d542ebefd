package io.carepulse.score;

import io.carepulse.protocol.CallFrame;
import io.carepulse.score.sentiment.SentimentAnalyzer;

/**
 * Scores one call, frame by frame: what the engine and the coach read of a model. Pure and deterministic; one
 * implementation per scorer generation ({@code model.scorer} in the model file), so an older model keeps scoring
 * exactly as it did.
 */
public interface Scorer {

  /** Applies one frame (in sequence order) and returns the evidence and signals it produced. */
  Observations observe(CallFrame frame);

  /** The score as it stands now, with the reasons gathered since the previous update. */
  ScoreUpdate update();

  /** The rolling score now, without consuming reasons or recording a point. */
  int peekScore();

  boolean hasNewReasons();

  int minScore();

  Conversation conversation();

  boolean nameUsed();

  /** Whether this scorer starts from a caller's history (care-2 does; care-1 scores as it shipped). */
  default boolean remembers() {
    return false;
  }

  /**
   * The blend's inputs for the whole call so far ({@link ScoreBlend#FEATURES}), for fitting a model to outcomes;
   * null for a scorer without a fitted blend (care-1).
   */
  default double[] blendFeatures() {
    return null;
  }

  /** How the agent spoke on this call so far: what their later calls' baseline is made of. */
  default AgentPace pace() {
    return AgentPace.NONE;
  }

  /** The scorer the model names: care-1's phrase cues and hand weights, or care-2's acts and fitted blend. */
  static Scorer create(String callId, ScoringModel model, SentimentAnalyzer analyzer) {
    return create(callId, model, analyzer, CallerHistory.NONE);
  }

  /** … starting from what the customer's earlier calls say (care-2; care-1 scores as it shipped, without memory). */
  static Scorer create(String callId, ScoringModel model, SentimentAnalyzer analyzer, CallerHistory history) {
    return create(callId, model, analyzer, history, AgentBaseline.NONE);
  }

  /**
   * … and judging the agent's pace against their own earlier calls (care-2; care-1 keeps its fixed thresholds).
   */
  static Scorer create(String callId, ScoringModel model, SentimentAnalyzer analyzer, CallerHistory history,
                       AgentBaseline agent) {
    return switch (model.scorer()) {
      case ScoringModel.CARE_1 -> new CallScorer(callId, model, analyzer);
      case ScoringModel.CARE_2 -> new CareTwoScorer(callId, model, analyzer, history, agent);
      default -> throw new IllegalArgumentException("model " + model.id() + ": unknown scorer " + model.scorer());
    };
  }
}
