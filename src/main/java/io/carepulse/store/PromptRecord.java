package io.carepulse.store;

import io.carepulse.coach.PromptKind;
import java.time.Instant;
import java.util.List;

/**
 * A coaching prompt the agent was sent; {@code seq} is the frame that triggered it, {@code also} the other kinds it
 * carried (usually none).
 */
public record PromptRecord(String callId, String promptId, PromptKind kind, String text, int priority, long seq,
                           Instant at, List<PromptKind> also) {

  public PromptRecord {
    also = List.copyOf(also);
  }
}
