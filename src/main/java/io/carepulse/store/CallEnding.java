package io.carepulse.store;

import io.carepulse.engine.CallSummary;
import java.time.Instant;

/** How a call ended: why, its last applied seq and its summary. */
public record CallEnding(String callId, String reason, long lastSeq, CallSummary summary, Instant endedAt) {
}
