package io.carepulse.live;

import java.time.Duration;

/**
 * What an operator tunes on the live path: socket limits (frame size, frame rate and burst, open calls per connection
 * and per agent), the connection lifecycle (hello timeout, idle timeout, how long a client may leave its write queue
 * full), how far a frame's {@code ts} may stray from its call's clock, how long a dropped call waits for its agent, and
 * how long an ended call stays on supervisors' boards. Built and checked by the application's configuration; live code
 * reads only this.
 */
public record LiveSettings(int maxFrameBytes, int framesPerSecond, int frameBurst, int maxCallsPerConnection,
                           Duration idleTimeout, Duration helloTimeout, Duration resumeWindow, int endedCallsKept,
                           Duration dashboardLinger, int maxCallsPerAgent, Duration writeStallTimeout,
                           Duration tsTolerance) {

  /** The defaults of the settings added since the first release, for code that names only the original ones. */
  public LiveSettings(int maxFrameBytes, int framesPerSecond, int frameBurst, int maxCallsPerConnection,
                      Duration idleTimeout, Duration helloTimeout, Duration resumeWindow, int endedCallsKept,
                      Duration dashboardLinger) {
    this(maxFrameBytes, framesPerSecond, frameBurst, maxCallsPerConnection, idleTimeout, helloTimeout, resumeWindow,
        endedCallsKept, dashboardLinger, 64, Duration.ofSeconds(30), Duration.ofMinutes(5));
  }
}
