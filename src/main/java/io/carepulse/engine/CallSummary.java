package io.carepulse.engine;

import io.carepulse.coach.PromptKind;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import java.util.List;

/** The state of a call at its end (or now): what replay prints as {@code call.summary}. */
public record CallSummary(String callId, String model, int score, int callScore, int minScore, Parts parts,
                          List<PromptKind> prompts, Recovery recovery) {

  public CallSummary {
    prompts = List.copyOf(prompts);
  }
}
