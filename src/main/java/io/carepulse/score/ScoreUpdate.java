package io.carepulse.score;

import java.util.List;

/**
 * One score message for a call: the rolling score and the whole-call score, the parts, trend and recovery,
 * the model that computed it, and the reasons for noticeable moves since the previous update.
 * {@code seq} is the last applied frame; {@code callTimeMs} is milliseconds since call start.
 */
public record ScoreUpdate(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                          String model, List<Reason> reasons, Recovery recovery) {

  public ScoreUpdate {
    reasons = List.copyOf(reasons);
  }
}
