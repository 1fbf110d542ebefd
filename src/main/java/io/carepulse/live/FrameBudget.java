package io.carepulse.live;

/**
 * A token bucket per connection: {@code perSecond} frames a second on average, bursts up to {@code burst}. Checked
 * before a frame is even parsed, so a flooding client costs little. Used from the connection's event loop only.
 */
final class FrameBudget {

  private final double tokensPerNano;
  private final double burst;
  private double tokens;
  private long lastNanos;

  FrameBudget(int perSecond, int burst, long nowNanos) {
    this.tokensPerNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  boolean take(long nowNanos) {
    tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * tokensPerNano);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
