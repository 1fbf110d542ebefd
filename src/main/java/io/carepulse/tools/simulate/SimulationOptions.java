package io.carepulse.tools.simulate;

import java.time.Duration;

/**
 * How to run a simulation: the agent endpoint, the agent token, how many calls at once, the pace (1 = the frames'
 * own timing, 2 = twice as fast, 0 = each frame as soon as the previous one is acknowledged) and how long to wait
 * for the server before giving a call up.
 */
public record SimulationOptions(String url, String token, int calls, double speed, boolean quiet,
                                Duration ackTimeout) {

  public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);

  public SimulationOptions {
    if (calls < 1) {
      throw new IllegalArgumentException("--calls must be at least 1");
    }
    if (speed < 0 || Double.isNaN(speed) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("--speed must be 0 (as fast as acks come back) or a positive factor");
    }
  }
}
