package io.carepulse.score;

import java.util.List;

/**
 * One observation that moves a part: a value on the part's 0–100 scale, how much it counts, the rule that produced
 * it and the frames it points at. Parts are weighted averages of their evidence, so every move has a cause.
 */
public record Evidence(Part part, double value, double weight, String rule, List<String> frames, String text) {

  public Evidence {
    if (value < 0 || value > 100) {
      throw new IllegalArgumentException("evidence value out of 0..100: " + value);
    }
    frames = List.copyOf(frames);
  }
}
