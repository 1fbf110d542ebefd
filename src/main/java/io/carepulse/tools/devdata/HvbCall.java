package io.carepulse.tools.devdata;

import java.util.List;
import java.util.OptionalInt;

/**
 * One call of the Harper Valley Bank sample as {@code ../shared/data/hvb/calls.jsonl} stores it (see its
 * SUMMARY.md): the personas, the tasks, the caller's post-call rating of the agent (0–10, absent when no survey
 * was submitted) and the segments in the file's index order, which is not always time order.
 */
public record HvbCall(String sid, String session, String agentName, String callerName, List<String> tasks,
                      OptionalInt callerRating, List<Segment> segments) {

  public HvbCall {
    tasks = List.copyOf(tasks);
    segments = List.copyOf(segments);
  }

  /**
   * One speaker turn. {@code emotion} is Gridspace's softmax in the order [negative, neutral, positive];
   * {@code [0, 1, 0]} is their placeholder for "no speech recognised", not a judgement.
   */
  public record Segment(int index, String speaker, long startMs, long durationMs, String text, double[] emotion) {

    public boolean isCaller() {
      return "caller".equals(speaker);
    }

    public long endMs() {
      return startMs + durationMs;
    }
  }
}
