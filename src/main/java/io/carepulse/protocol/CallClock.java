package io.carepulse.protocol;

/**
 * A call's clock as its frames tell it, and how far a frame's {@code ts} may stray from it. Frames carry the client's
 * event time; one frame with a wild {@code ts} (2^53−1, microseconds for milliseconds) would otherwise move the call's
 * time for good and fire every time-based rule. A frame is refused when its {@code ts} is more than the tolerance
 * before the call's start, or ahead of the latest accepted {@code ts} by more than the time that has really passed
 * since (as the server measured it) plus the tolerance — so a long silence is fine, a jump is not, and replays sent
 * faster than real time still pass as long as no single step exceeds the tolerance. The server's time comes in as a
 * number, so this stays pure. Not thread-safe: a call is owned by one event loop.
 */
public final class CallClock {

  private final long toleranceMs;
  private boolean started;
  private long startTs;
  private long latestTs;
  private long latestAtMs;

  public CallClock(long toleranceMs) {
    this.toleranceMs = toleranceMs;
  }

  /** Why {@code ts} is refused at server time {@code nowMs}, or null when it may be applied. The first frame sets the clock. */
  public String refusal(long ts, long nowMs) {
    if (!started) {
      return null;
    }
    if (ts < startTs - toleranceMs) {
      return "ts is " + (startTs - ts) + " ms before the call started (at most " + toleranceMs + " ms)";
    }
    long elapsed = Math.max(0, nowMs - latestAtMs);
    long ahead = ts - latestTs;
    if (ahead > elapsed + toleranceMs) {
      return "ts is " + (ahead - elapsed) + " ms ahead of the call's clock (at most " + toleranceMs + " ms)";
    }
    return null;
  }

  /** A frame with {@code ts} was applied at server time {@code nowMs}. */
  public void accepted(long ts, long nowMs) {
    if (!started) {
      started = true;
      startTs = ts;
      latestTs = ts;
      latestAtMs = nowMs;
    } else if (ts > latestTs) {
      latestTs = ts;
      latestAtMs = nowMs;
    }
  }
}
