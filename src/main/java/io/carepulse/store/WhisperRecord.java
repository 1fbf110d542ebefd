package io.carepulse.store;

import io.carepulse.protocol.WhisperOutcome;
import java.time.Instant;

/** A supervisor's private message to the agent on a call, text redacted, and whether it reached the agent. */
public record WhisperRecord(String callId, String from, String text, WhisperOutcome outcome, Instant at) {
}
