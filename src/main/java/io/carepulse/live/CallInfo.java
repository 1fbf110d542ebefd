package io.carepulse.live;

import io.carepulse.coach.Holdout;
import io.carepulse.protocol.CallStart;
import io.carepulse.score.CallerHistory;

/**
 * Who a live call belongs to and how it began; fixed for the life of the call. {@code holdout} is its arm in the
 * team's uplift experiment, null when none runs; {@code history} what care memory knew of the customer at start.
 */
public record CallInfo(String callId, String agentId, String teamId, CallStart start, Holdout.Assignment holdout,
                       CallerHistory history) {

  public CallInfo {
    history = history == null ? CallerHistory.NONE : history;
  }

  public CallInfo(String callId, String agentId, String teamId, CallStart start) {
    this(callId, agentId, teamId, start, null, CallerHistory.NONE);
  }
}
