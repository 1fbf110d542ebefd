package io.carepulse.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for what a test expects instead of sleeping a fixed time: the condition is checked every few milliseconds and
 * the wait fails, naming what was awaited, once the deadline passes. On a busy two-core machine a fixed sleep is a
 * flake; a condition is not.
 */
public final class Await {

  public static final Duration DEFAULT = Duration.ofSeconds(10);
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Await() {
  }

  public static void until(String what, BooleanSupplier condition) {
    until(DEFAULT, what, condition);
  }

  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, Duration.ofNanos(POLL_NANOS), what, condition);
  }

  /** The same, checking every {@code pollEvery}: for a condition that costs something to check (a new connection). */
  public static void until(Duration timeout, Duration pollEvery, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
      }
      LockSupport.parkNanos(pollEvery.toNanos());
    }
  }

  /** The first non-null value {@code probe} gives. */
  public static <T> T value(String what, Supplier<T> probe) {
    return value(DEFAULT, what, probe);
  }

  public static <T> T value(Duration timeout, String what, Supplier<T> probe) {
    Object[] found = new Object[1];
    until(timeout, what, () -> (found[0] = probe.get()) != null);
    @SuppressWarnings("unchecked")
    T value = (T) found[0];
    return value;
  }

  /**
   * Asserts that {@code condition} stays true for {@code period}: for what must <em>not</em> happen (no ack before the
   * write, no fourth delivery), where only a stretch of time can tell.
   */
  public static void holds(Duration period, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + period.toNanos();
    while (System.nanoTime() < end) {
      if (!condition.getAsBoolean()) {
        throw new AssertionError("no longer true: " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
