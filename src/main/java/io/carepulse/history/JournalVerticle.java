package io.carepulse.history;

import io.carepulse.ops.CareMetrics;
import io.carepulse.privacy.Redactor;
import io.carepulse.store.CarePulseStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * The journal's life: it is built on this verticle's context as the verticle starts, so its batching and writes run
 * there; it starts its clock; and when the verticle stops it writes what is queued. Durable (PostgreSQL) journals
 * also publish their gauges and the applied-to-committed time.
 */
public final class JournalVerticle extends VerticleBase {

  private final CarePulseStore store;
  private final boolean durable;
  private final Duration flushInterval;
  private final int bound;
  private final int batchSize;
  private final CareMetrics metrics;
  private volatile CallJournal journal;

  private JournalVerticle(CarePulseStore store, boolean durable, Duration flushInterval, int bound, int batchSize,
                          CareMetrics metrics) {
    this.store = store;
    this.durable = durable;
    this.flushInterval = flushInterval;
    this.bound = bound;
    this.batchSize = batchSize;
    this.metrics = metrics;
  }

  /** History in memory: past {@code bound} events it loses history, never a call. */
  public static JournalVerticle dropping(CarePulseStore store, Duration flushInterval, int bound, int batchSize) {
    return new JournalVerticle(store, false, flushInterval, bound, batchSize, null);
  }

  /** Durable history: acks wait for the store, and past {@code bound} unwritten frames new ones are refused. */
  public static JournalVerticle durable(CarePulseStore store, Duration flushInterval, int bound, int batchSize,
                                        CareMetrics metrics) {
    return new JournalVerticle(store, true, flushInterval, bound, batchSize, metrics);
  }

  @Override
  public Future<?> start() {
    CallJournal built = durable
        ? CallJournal.durable(vertx, store, Redactor.standard(), flushInterval, bound, batchSize)
            .persistLatency(metrics.persistLatency())
            .quarantinedCount(metrics.quarantined())
        : CallJournal.dropping(vertx, store, Redactor.standard(), flushInterval, bound, batchSize);
    if (durable) {
      metrics.journal(() -> built.health().pendingFrames(), () -> built.health().storeUp() ? 1 : 0);
      metrics.acksWaiting(() -> built.health().acksWaiting().toMillis() / 1000.0);
    }
    journal = built.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    return journal.stop();
  }

  /** The journal, once the verticle has started. */
  public CallJournal journal() {
    return journal;
  }
}
