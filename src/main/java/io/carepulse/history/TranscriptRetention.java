package io.carepulse.history;

import io.carepulse.store.CarePulseStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what was said on calls that ended more than {@code keep} ago — transcripts are personal data and are kept no
 * longer than configured — while scores, reasons, prompts and outcomes stay for reports. A verticle: once soon after
 * it starts and then every {@code every}, on its timer; the store's delete is non-blocking and works in slices.
 */
public final class TranscriptRetention extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(TranscriptRetention.class);
  private static final long FIRST_RUN_DELAY_MS = 5_000;

  private final CarePulseStore store;
  private final Duration keep;
  private final Duration every;
  private final Clock clock;
  private long timer = -1;
  private boolean running;

  public TranscriptRetention(CarePulseStore store, Duration keep, Duration every, Clock clock) {
    this.store = store;
    this.keep = keep;
    this.every = every;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(FIRST_RUN_DELAY_MS, every.toMillis(), id -> runOnce());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return Future.succeededFuture();
  }

  /** One purge; completes with the number of transcript frames deleted (0 when a purge is already running). */
  public synchronized Future<Integer> runOnce() {
    if (running) {
      return Future.succeededFuture(0);
    }
    running = true;
    return store.deleteTranscriptsEndedBefore(clock.instant().minus(keep)).andThen(result -> {
      synchronized (this) {
        running = false;
      }
      if (result.failed()) {
        LOG.atWarn().setCause(result.cause()).log("transcript retention failed; trying again at the next run");
      } else if (result.result() > 0) {
        LOG.atInfo().addKeyValue("deleted", result.result()).addKeyValue("olderThanDays", keep.toDays())
            .log("deleted transcripts past retention");
      }
    });
  }
}
