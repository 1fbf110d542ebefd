package io.carepulse.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST request budget of each bearer token: a token bucket of {@code perSecond} requests a second with bursts up
 * to twice that. Every answer says where the caller stands ({@code RateLimit-Policy} and {@code RateLimit}, IETF
 * draft-ietf-httpapi-ratelimit-headers); past the budget the request is refused with 429 and {@code Retry-After}.
 * Shared by every server verticle; thread-safe.
 */
final class RateLimit {

  /** Buckets kept before idle (full) ones are forgotten; bounds memory against a flood of distinct tokens. */
  private static final int MAX_BUCKETS = 50_000;

  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimit(int perSecond) {
    this.perSecond = perSecond;
    this.burst = 2.0 * perSecond;
  }

  /** Spends one request of {@code token}'s budget; false (and the 429's headers set) when none is left. */
  boolean admit(String token, RoutingContext ctx) {
    if (buckets.size() > MAX_BUCKETS) {
      long now = System.nanoTime();
      buckets.values().removeIf(bucket -> bucket.isFull(now));
    }
    Bucket bucket = buckets.computeIfAbsent(token, t -> new Bucket());
    double left;
    synchronized (bucket) {
      left = bucket.take(System.nanoTime());
    }
    boolean admitted = left >= 0;
    double remaining = Math.max(0, Math.floor(left));
    long secondsToFull = (long) Math.ceil((burst - Math.max(0, left)) / perSecond);
    ctx.response().putHeader("RateLimit-Policy", "\"per-token\";q=" + (long) burst + ";w="
        + (long) Math.ceil(burst / perSecond));
    ctx.response().putHeader("RateLimit", "\"per-token\";r=" + (long) remaining + ";t=" + secondsToFull);
    if (!admitted) {
      ctx.response().putHeader("Retry-After", String.valueOf((long) Math.max(1, Math.ceil(-left / perSecond))));
    }
    return admitted;
  }

  private final class Bucket {
    private double tokens = burst;
    private long at = System.nanoTime();

    /** Tokens left after taking one; negative (nothing taken) when the bucket was empty: how far short it is. */
    double take(long now) {
      tokens = Math.min(burst, tokens + (now - at) / 1e9 * perSecond);
      at = now;
      if (tokens >= 1) {
        tokens -= 1;
        return tokens;
      }
      return tokens - 1;
    }

    synchronized boolean isFull(long now) {
      return tokens + (now - at) / 1e9 * perSecond >= burst;
    }
  }
}
