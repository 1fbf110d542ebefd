package io.carepulse.store;

import io.carepulse.engine.CallContext;
import io.carepulse.engine.CallSummary;
import java.time.Instant;

/**
 * A call as history knows it. {@code score} and {@code callScore} follow the latest score point while the call is live
 * and are the summary's once it ended; {@code lastSeq} is the last stored frame. {@code summary}, {@code endedAt} and
 * {@code endReason} are null while the call is live; the customer fields are null when the client did not send them.
 * {@code context} is what the call started from (null for calls stored before it was kept); it names the customer's
 * earlier calls, and goes with the row when the customer is erased.
 */
public record CallRecord(String callId, String agentId, String teamId, String customerId, String customerName,
                         String locale, CallState state, Instant startedAt, Instant endedAt, String endReason,
                         long lastSeq, Integer score, Integer callScore, CallSummary summary, CallContext context) {

  /** A call seeded without a start context (imports, tests of reports). */
  public static CallRecord started(String callId, String agentId, String teamId, String customerId,
                                   String customerName, String locale, Instant startedAt) {
    return started(callId, agentId, teamId, customerId, customerName, locale, startedAt, null);
  }

  public static CallRecord started(String callId, String agentId, String teamId, String customerId,
                                   String customerName, String locale, Instant startedAt, CallContext context) {
    return new CallRecord(callId, agentId, teamId, customerId, customerName, locale, CallState.LIVE, startedAt, null,
        null, 0, null, null, null, context);
  }

  public CallRecord withLastSeq(long seq) {
    return seq <= lastSeq ? this : new CallRecord(callId, agentId, teamId, customerId, customerName, locale, state,
        startedAt, endedAt, endReason, seq, score, callScore, summary, context);
  }

  public CallRecord withScore(int rolling, int whole) {
    return new CallRecord(callId, agentId, teamId, customerId, customerName, locale, state, startedAt, endedAt,
        endReason, lastSeq, rolling, whole, summary, context);
  }

  public CallRecord ended(CallEnding ending) {
    return new CallRecord(callId, agentId, teamId, customerId, customerName, locale, CallState.ENDED, startedAt,
        ending.endedAt(), ending.reason(), Math.max(lastSeq, ending.lastSeq()), ending.summary().score(),
        ending.summary().callScore(), ending.summary(), context);
  }
}
