package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.List;
import java.util.Map;

/**
 * A final utterance as the detectors see it: tokens, the cues it contains, its timing in call time and the frame
 * reference reasons point at. {@code valence} is set for customer turns only (agents are never emotion-scored).
 */
public record Turn(Speaker speaker, String text, List<String> tokens, Map<Cue, String> cues, long startMs, long endMs,
                   long seq, String ref, double valence) {

  public boolean has(Cue cue) {
    return cues.containsKey(cue);
  }

  public int words() {
    return tokens.size();
  }

  public long durationMs() {
    return endMs - startMs;
  }
}
