package io.carepulse.coach;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A coaching prompt for the agent; {@code seq} is the frame that triggered it. {@code also} lists the other kinds
 * the same prompt carries when two reasons arose in one frame ("acknowledge how they feel" with "own it"): one
 * interruption, both hints. Empty for most prompts.
 */
public record Prompt(String callId, String promptId, PromptKind kind, String text, int priority, long seq,
                     List<PromptKind> also) {

  public Prompt {
    also = List.copyOf(also);
  }

  public Prompt(String callId, String promptId, PromptKind kind, String text, int priority, long seq) {
    this(callId, promptId, kind, text, priority, seq, List.of());
  }

  /** Its kind and the kinds riding along with it. */
  public List<PromptKind> kinds() {
    if (also.isEmpty()) {
      return List.of(kind);
    }
    List<PromptKind> kinds = new ArrayList<>(also.size() + 1);
    kinds.add(kind);
    kinds.addAll(also);
    return kinds;
  }

  /** Its kinds as a person reads them: "take_ownership + acknowledge_feelings". */
  public String kindNames() {
    return kinds().stream().map(PromptKind::wire).collect(Collectors.joining(" + "));
  }
}
