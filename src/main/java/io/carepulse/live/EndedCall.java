package io.carepulse.live;

import io.carepulse.engine.CallSummary;
import java.time.Instant;

/**
 * What is kept of a call after it ended: its owner (so another agent still gets forbidden), the last applied seq (so a
 * resent frame is acked as a duplicate instead of refused), why it ended, and its summary.
 */
public record EndedCall(String callId, String agentId, String teamId, long lastSeq, String reason, CallSummary summary,
                        Instant endedAt) {

  /** The call was not resumed within the resume window after its agent's connection dropped. */
  public static final String DISCONNECTED = "disconnected";
}
