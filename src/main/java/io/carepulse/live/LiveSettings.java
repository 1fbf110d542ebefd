package io.carepulse.live;

import java.time.Duration;

/**
 * What an operator tunes on the live path: socket limits (frame size, frame rate and burst, open calls per connection),
 * the connection lifecycle (hello timeout, idle timeout), how long a dropped call waits for its agent, and how long an
 * ended call stays on supervisors' boards. Built and checked by the application's configuration; live code reads only
 * this.
 */
public record LiveSettings(int maxFrameBytes, int framesPerSecond, int frameBurst, int maxCallsPerConnection,
                           Duration idleTimeout, Duration helloTimeout, Duration resumeWindow, int endedCallsKept,
                           Duration dashboardLinger) {
}
