package io.carepulse.live;

import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallContext;
import io.carepulse.protocol.CallStart;
import io.carepulse.score.CallerHistory;

/**
 * Who a live call belongs to and how it began; fixed for the life of the call. {@code context} is what it started
 * from: its arm in the team's uplift experiment and what care memory knew of the customer, among others.
 */
public record CallInfo(String callId, String agentId, String teamId, CallStart start, CallContext context) {

  public CallInfo(String callId, String agentId, String teamId, CallStart start) {
    this(callId, agentId, teamId, start, new CallContext(null, null, null, null));
  }

  /** The call's arm in its team's uplift experiment, null when none runs. */
  public Holdout.Assignment holdout() {
    return context.holdout();
  }

  public CallerHistory history() {
    return context.history();
  }
}
