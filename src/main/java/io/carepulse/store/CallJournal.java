package io.carepulse.store;

import io.carepulse.coach.Prompt;
import io.carepulse.live.AckGate;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.live.CallListener;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ClientFrameJson;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.score.ScoreUpdate;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens on live calls into the {@link CarePulseStore}, off the live path: {@link #on} only enqueues the
 * event (a lock-free queue, no I/O, no encoding), and a timer flushes the queue in batches, encoding frames and
 * redacting their text there. Flushes run one at a time, in queue order; a failed batch is retried (it is idempotent)
 * before anything newer is written, so the store sees every call's events in order.
 *
 * <p>Bounded: past {@code maxPending} queued events, new events are dropped and counted — history degrades, the live
 * call never waits. (With a durable store, {@link #persistedAcks()} holds acks until their frame is written; a store
 * that wants backpressure rather than loss builds it on that.)
 */
public final class CallJournal implements CallListener {

  private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);

  private final Vertx vertx;
  private final CarePulseStore store;
  private final Redactor redactor;
  private final Duration flushInterval;
  private final int maxPending;
  private final int maxBatch;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private Future<Void> tail = Future.succeededFuture();
  private volatile JournalBatch failed;
  private volatile List<Release> failedReleases = List.of();
  private long timer = -1;

  /** An ack waiting for its frame to be written, and the call's event loop to send it on. */
  private record Release(Context context, Runnable ack) {
  }

  public CallJournal(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval, int maxPending,
                     int maxBatch) {
    this.vertx = vertx;
    this.store = store;
    this.redactor = redactor;
    this.flushInterval = flushInterval;
    this.maxPending = maxPending;
    this.maxBatch = maxBatch;
  }

  public CallJournal start() {
    timer = vertx.setPeriodic(flushInterval.toMillis(), id -> flush());
    return this;
  }

  /** Stops the timer and writes what is queued. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    return flush();
  }

  @Override
  public void on(CallEvent event) {
    if (pending.incrementAndGet() > maxPending) {
      pending.decrementAndGet();
      if (dropped.getAndIncrement() % 10_000 == 0) {
        LOG.atWarn().addKeyValue("callId", event.callId()).addKeyValue("dropped", dropped.get())
            .log("journal queue full; call history is losing events");
      }
      return;
    }
    queue.add(event);
  }

  /** An ack gate that sends each ack once its frame (and everything before it) is in the store. */
  public AckGate persistedAcks() {
    return (applied, ack) -> {
      // Never dropped: a lost ack would leave the client resending forever.
      pending.incrementAndGet();
      queue.add(new Release(Vertx.currentContext(), ack));
    };
  }

  /** Events queued and not yet written. */
  public int pending() {
    return pending.get();
  }

  /** Events dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Writes everything queued before this call; completes when it is in the store. */
  public synchronized Future<Void> flush() {
    tail = tail.transform(previous -> writeQueued());
    return tail;
  }

  private Future<Void> writeQueued() {
    if (failed != null) {
      JournalBatch retry = failed;
      List<Release> releases = failedReleases;
      return write(retry, releases).compose(v -> writeQueued());
    }
    List<Object> drained = new ArrayList<>();
    Object next;
    while (drained.size() < maxBatch && (next = queue.poll()) != null) {
      drained.add(next);
    }
    if (drained.isEmpty()) {
      return Future.succeededFuture();
    }
    pending.addAndGet(-drained.size());
    Batcher batcher = new Batcher();
    drained.forEach(batcher::add);
    return write(batcher.batch(), batcher.releases).compose(v -> queue.isEmpty() ? Future.succeededFuture() : writeQueued());
  }

  private Future<Void> write(JournalBatch batch, List<Release> releases) {
    Future<Void> written = batch.isEmpty() ? Future.succeededFuture() : store.write(batch);
    return written.andThen(result -> {
      if (result.succeeded()) {
        failed = null;
        failedReleases = List.of();
        releases.forEach(release -> release.context().runOnContext(v -> release.ack().run()));
      } else {
        failed = batch;
        failedReleases = releases;
        LOG.atWarn().setCause(result.cause()).addKeyValue("events", batch.size())
            .log("journal write failed; retrying on the next flush");
      }
    });
  }

  /** Turns queued events into one batch, in order. Runs on the flushing context, not on the calls' event loops. */
  private final class Batcher {
    final List<CallRecord> started = new ArrayList<>();
    final List<StoredFrame> frames = new ArrayList<>();
    final List<ScorePoint> scores = new ArrayList<>();
    final List<PromptRecord> prompts = new ArrayList<>();
    final List<PromptFeedbackRecord> feedback = new ArrayList<>();
    final List<WhisperRecord> whispers = new ArrayList<>();
    final List<CallEnding> ended = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();

    void add(Object entry) {
      if (entry instanceof Release release) {
        releases.add(release);
      } else if (entry instanceof CallEvent.Started event) {
        started.add(callRecord(event.call(), millis(event.at())));
      } else if (entry instanceof CallEvent.Applied event) {
        applied(event);
      } else if (entry instanceof CallEvent.Whispered event) {
        whispers.add(new WhisperRecord(event.callId(), event.from(), redactor.redact(event.text()), event.outcome(),
            millis(event.at())));
      } else if (entry instanceof CallEvent.Ended event) {
        ended.add(new CallEnding(event.callId(), event.ended().reason(), event.ended().lastSeq(),
            event.ended().summary(), millis(event.ended().endedAt())));
      }
    }

    private void applied(CallEvent.Applied event) {
      Instant at = millis(event.at());
      frames.add(new StoredFrame(event.callId(), event.frame().seq(), event.frame().type(), at,
          redacted(ClientFrameJson.encode(event.frame()))));
      event.step().score().ifPresent(update -> scores.add(scorePoint(update, at)));
      for (Prompt prompt : event.step().prompts()) {
        prompts.add(new PromptRecord(prompt.callId(), prompt.promptId(), prompt.kind(), prompt.text(),
            prompt.priority(), prompt.seq(), at));
      }
      if (event.frame() instanceof PromptFeedback given) {
        feedback.add(new PromptFeedbackRecord(given.callId(), given.promptId(), given.action(), given.seq(), at));
      }
    }

    JournalBatch batch() {
      return new JournalBatch(started, frames, scores, prompts, feedback, whispers, ended);
    }
  }

  /** Free text that may carry personal data: what was said, and softphone event details (DTMF digits). */
  private JsonObject redacted(JsonObject frame) {
    for (String field : List.of("text", "detail")) {
      if (frame.getValue(field) instanceof String text) {
        frame.put(field, redactor.redact(text));
      }
    }
    return frame;
  }

  private static CallRecord callRecord(CallInfo info, Instant at) {
    CallStart start = info.start();
    return CallRecord.started(info.callId(), info.agentId(), info.teamId(), start.customer().id(),
        start.customer().name(), start.locale(), at);
  }

  static ScorePoint scorePoint(ScoreUpdate update, Instant at) {
    return new ScorePoint(update.callId(), update.seq(), update.callTimeMs(), update.score(), update.callScore(),
        update.parts(), update.trend(), update.reasons(), at);
  }

  /** Stores keep milliseconds (PostgreSQL keeps microseconds); truncating here makes both return equal instants. */
  private static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }
}
