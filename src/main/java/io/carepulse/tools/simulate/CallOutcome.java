package io.carepulse.tools.simulate;

import java.util.List;

/**
 * What happened to one simulated call: whether every frame was acknowledged, and if not why; what came back.
 * {@code lastScore}/{@code lastCallScore} are -1 when no score arrived.
 */
public record CallOutcome(String label, String callId, boolean completed, String failure, int frames, long acked,
                          int scores, List<String> promptKinds, int lastScore, int lastCallScore, int reconnects,
                          int resends, long elapsedMs) {

  public CallOutcome {
    promptKinds = List.copyOf(promptKinds);
  }
}
