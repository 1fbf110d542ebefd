package io.carepulse.protocol;

/** A window of audio features computed in the browser; every feature is optional. */
public record Acoustic(String callId, long seq, long ts, Speaker speaker, long windowMs, Double rmsDb, Double pitchHz,
                       Double voicedRatio, Double wordsPerMin) implements CallFrame {

  @Override
  public String type() {
    return "acoustic";
  }
}
