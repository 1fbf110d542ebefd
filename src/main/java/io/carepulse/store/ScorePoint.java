package io.carepulse.store;

import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Trend;
import java.time.Instant;
import java.util.List;

/** One score the agent was sent: after frame {@code seq}, {@code callTimeMs} into the call, with its reasons. */
public record ScorePoint(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                         List<Reason> reasons, Instant at, ScoreUpdate.CustomerTurn customer) {

  public ScorePoint {
    reasons = List.copyOf(reasons);
  }

  /** A point without a customer turn reading (care-1, or not after a customer's final utterance). */
  public ScorePoint(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                    List<Reason> reasons, Instant at) {
    this(callId, seq, callTimeMs, score, callScore, parts, trend, reasons, at, null);
  }
}
