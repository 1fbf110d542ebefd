package io.carepulse.protocol;

import java.util.Locale;

/** Error codes of protocol v1 (docs/protocol.md) {@code error} frames; clients act on these, so names never change within v1. */
public enum ErrorCode {
  BAD_JSON,
  INVALID,
  UNAUTHORIZED,
  FORBIDDEN,
  UNKNOWN_CALL,
  CALL_EXISTS,
  CALL_ENDED,
  SEQ_GAP,
  RATE_LIMITED,
  TOO_LARGE,
  /** v1 addition: a connection may carry a bounded number of open calls; close one or open another connection. */
  TOO_MANY_CALLS,
  /**
   * v1 addition: an agent may have a bounded number of live calls at once, over all its connections; end one (or let a
   * dropped one's resume window pass) before starting another.
   */
  TOO_MANY_AGENT_CALLS,
  /**
   * v1 addition: history is durable (PostgreSQL) and cannot take the frame now — the store is unreachable or behind
   * and the bounded queue in front of it is full, or a call could not be looked up after a restart. The frame was not
   * applied; resend from {@code expectedSeq} (when given) after a pause.
   */
  STORE_UNAVAILABLE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
