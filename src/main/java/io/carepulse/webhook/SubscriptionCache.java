package io.carepulse.webhook;

import io.carepulse.store.WebhookSubscription;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The subscriptions events go to, read from the store at most once at a time and reused for {@code freshMs}. Events
 * come in bursts (every call of a shift ends within minutes, an outage raises an alert on every call): a read per
 * event would fill the database pool's queue and lose the events it refuses. A subscription created or removed on
 * this node takes effect at once ({@link #invalidate()}); one changed through another node, within {@code freshMs}.
 */
final class SubscriptionCache {

  private final Supplier<Future<List<WebhookSubscription>>> read;
  private final long freshMs;
  private final LongSupplier clockMs;
  private Future<List<WebhookSubscription>> current;
  private long readStartedAtMs;

  SubscriptionCache(Supplier<Future<List<WebhookSubscription>>> read, long freshMs, LongSupplier clockMs) {
    this.read = read;
    this.freshMs = freshMs;
    this.clockMs = clockMs;
  }

  /** The read in flight, else the last one while it is fresh and succeeded, else a new read. */
  synchronized Future<List<WebhookSubscription>> get() {
    long now = clockMs.getAsLong();
    boolean reusable = current != null
        && (!current.isComplete() || current.succeeded() && now - readStartedAtMs < freshMs);
    if (!reusable) {
      readStartedAtMs = now;
      current = read.get();
    }
    return current;
  }

  /** The next event reads the store again (a read in flight may predate the change). */
  synchronized void invalidate() {
    current = null;
  }
}
