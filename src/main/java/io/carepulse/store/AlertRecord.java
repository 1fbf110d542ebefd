package io.carepulse.store;

import java.time.Instant;

/**
 * An alert the supervisor feed raised on a call (event bus {@code carepulse.alerts}); {@code clearedAt} is null while it
 * stands. {@code seq} and {@code callTimeMs} may be null when the rule fired on time rather than on a frame.
 */
public record AlertRecord(String alertId, String callId, String agentId, String teamId, String kind, String severity,
                          String message, Long seq, Long callTimeMs, Instant raisedAt, Instant clearedAt) {

  public AlertRecord cleared(Instant at) {
    return new AlertRecord(alertId, callId, agentId, teamId, kind, severity, message, seq, callTimeMs, raisedAt, at);
  }
}
