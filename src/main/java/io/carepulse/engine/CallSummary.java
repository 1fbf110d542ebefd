package io.carepulse.engine;

import io.carepulse.coach.Holdout;
import io.carepulse.coach.PromptKind;
import io.carepulse.score.AgentPace;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import java.util.List;

/**
 * The state of a call at its end (or now): what replay prints as {@code call.summary}. {@code holdout} is the call's
 * arm in its team's uplift experiment, null when none ran; {@code pace} how the agent spoke, kept with the call for the
 * agent's baseline (stored, not sent on the wire).
 */
public record CallSummary(String callId, String model, int score, int callScore, int minScore, Parts parts,
                          List<PromptKind> prompts, Recovery recovery, Holdout.Assignment holdout, AgentPace pace) {

  public CallSummary {
    prompts = List.copyOf(prompts);
    pace = pace == null ? AgentPace.NONE : pace;
  }

  /** A call whose agent's pace was not measured. */
  public CallSummary(String callId, String model, int score, int callScore, int minScore, Parts parts,
                     List<PromptKind> prompts, Recovery recovery, Holdout.Assignment holdout) {
    this(callId, model, score, callScore, minScore, parts, prompts, recovery, holdout, AgentPace.NONE);
  }

  /** A call outside any experiment. */
  public CallSummary(String callId, String model, int score, int callScore, int minScore, Parts parts,
                     List<PromptKind> prompts, Recovery recovery) {
    this(callId, model, score, callScore, minScore, parts, prompts, recovery, null);
  }
}
