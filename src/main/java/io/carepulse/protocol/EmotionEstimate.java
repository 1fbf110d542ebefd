package io.carepulse.protocol;

/**
 * An emotion estimate for the customer from an external engine. {@code confidence} (0..1) is an optional
 * v1 extension; without it the estimate counts at a default confidence.
 */
public record EmotionEstimate(String callId, long seq, long ts, Speaker speaker, double valence, double arousal,
                              String label, String source, Double confidence) implements CallFrame {

  @Override
  public String type() {
    return "emotion";
  }
}
