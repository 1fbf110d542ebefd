package io.carepulse.webhook;

import java.time.Duration;

/**
 * How hard a delivery tries: {@code attempts} in all, waiting {@code firstRetry} before the second and doubling up to
 * {@code maxRetry}; each attempt gives up after {@code timeout}.
 */
public record WebhookPolicy(int attempts, Duration firstRetry, Duration maxRetry, Duration timeout) {

  public WebhookPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("webhook attempts must be at least 1");
    }
  }

  /** Eight attempts over about four minutes (1 s, 2 s, … 64 s). */
  public static WebhookPolicy defaults() {
    return new WebhookPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(10));
  }

  /** The wait before attempt {@code next} (2 for the first retry). */
  public long delayBeforeMillis(int next) {
    long delay = firstRetry.toMillis() << Math.min(30, next - 2);
    return Math.min(delay, maxRetry.toMillis());
  }
}
