package io.carepulse.score;

import java.util.List;

/**
 * One score message for a call: the rolling score and the whole-call score, the parts, trend and recovery,
 * the model that computed it, and the reasons for noticeable moves since the previous update.
 * {@code seq} is the last applied frame; {@code callTimeMs} is milliseconds since call start; {@code customer}, when
 * not null, is how the customer's final turn in this frame read.
 */
public record ScoreUpdate(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                          String model, List<Reason> reasons, Recovery recovery, CustomerTurn customer) {

  public ScoreUpdate {
    reasons = List.copyOf(reasons);
  }

  /** An update without a customer turn reading (care-1, or a frame that was not a customer's final utterance). */
  public ScoreUpdate(String callId, long seq, long callTimeMs, int score, int callScore, Parts parts, Trend trend,
                     String model, List<Reason> reasons, Recovery recovery) {
    this(callId, seq, callTimeMs, score, callScore, parts, trend, model, reasons, recovery, null);
  }

  /**
   * How the customer's latest final turn read, when this update follows one (care-2): valence −1..1 after the acts
   * (sarcasm, resignation…), arousal 0..1, and the utterance it describes. Optional on the wire.
   */
  public record CustomerTurn(String frame, double valence, double arousal) {
  }
}
