package io.carepulse.store;

import io.carepulse.protocol.PromptFeedback;
import java.time.Instant;

/** What the agent did with a prompt (from a prompt.feedback frame); a prompt may collect several. */
public record PromptFeedbackRecord(String callId, String promptId, PromptFeedback.Action action, long seq, Instant at) {
}
