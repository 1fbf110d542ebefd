package io.carepulse.store;

import java.time.Instant;

/**
 * What the customer said after the call (a survey): CSAT 1–5, NPS 0–10, whether the issue was resolved, and which
 * system reported it. Any of the three measures may be absent. {@code idempotencyKey} is the client's key; a second
 * post with the same key for the same call is the same outcome.
 */
public record OutcomeRecord(String outcomeId, String callId, Integer csat, Integer nps, Boolean resolved, String source,
                            String idempotencyKey, Instant receivedAt) {

  /** Whether {@code other} says the same thing (ignoring ids and times), i.e. is a true retry of this post. */
  public boolean sameContent(OutcomeRecord other) {
    return java.util.Objects.equals(csat, other.csat) && java.util.Objects.equals(nps, other.nps)
        && java.util.Objects.equals(resolved, other.resolved) && java.util.Objects.equals(source, other.source);
  }
}
