package io.carepulse.store;

import io.carepulse.coach.PromptKind;
import java.time.Instant;

/** A coaching prompt the agent was sent; {@code seq} is the frame that triggered it. */
public record PromptRecord(String callId, String promptId, PromptKind kind, String text, int priority, long seq,
                           Instant at) {
}
