package io.carepulse.store;

import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.Trend;
import java.time.Instant;
import java.util.List;

/** One score the agent was sent: after frame {@code seq}, {@code callTimeMs} into the call, with its reasons. */
public record ScorePoint(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                         List<Reason> reasons, Instant at) {

  public ScorePoint {
    reasons = List.copyOf(reasons);
  }
}
