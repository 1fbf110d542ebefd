package io.carepulse.score;

import java.util.List;

/**
 * Why the score moved: the rule that fired, the part it moved, by how many points of that part,
 * and the frames that caused it ({@code "seq:12"} or {@code "utt:u-7"}).
 */
public record Reason(String rule, Part part, double delta, List<String> frames, String text) {

  public Reason {
    frames = List.copyOf(frames);
  }
}
