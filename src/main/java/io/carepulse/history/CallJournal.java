package io.carepulse.history;

import io.carepulse.coach.Prompt;
import io.carepulse.live.AckGate;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.live.CallListener;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.PromptFeedbackRecord;
import io.carepulse.store.PromptRecord;
import io.carepulse.store.ScorePoint;
import io.carepulse.store.StoredFrame;
import io.carepulse.store.WhisperRecord;
import io.carepulse.wire.ClientFrameJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens on live calls into the {@link CarePulseStore}, off the live path: {@link #on} only enqueues the
 * event (a lock-free queue, no I/O, no encoding), and a timer flushes the queue in batches, encoding frames and
 * redacting their text there. Flushes run one at a time, in queue order; a failed batch is retried (it is idempotent)
 * before anything newer is written, so the store sees every call's events in order. While the store fails, retries
 * back off (up to {@link #MAX_BACKOFF}) and {@link #health()} says so.
 *
 * <p>Bounded, one of two ways. {@link #dropping} (the in-memory default): past {@code maxPending} queued events, new
 * events are dropped and counted — history degrades, the live call never waits. {@link #durable} (PostgreSQL): nothing
 * is dropped; {@link #persistedAcks()} holds each ack until its frame is written and refuses new frames while
 * {@code maxPending} frames wait, so the client keeps what the server could not store yet.
 */
public final class CallJournal implements CallListener {

  private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);
  /** A database that is down is asked again at most this seldom; it is also about how long recovery takes to notice. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  /** A write that hangs (a half-open connection) is abandoned after this and retried; writes are idempotent. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
  private static final long OUTAGE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Vertx vertx;
  private final CarePulseStore store;
  private final Redactor redactor;
  private final Duration flushInterval;
  private final int maxPending;
  private final int maxBatch;
  private final boolean durable;
  private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  /** Frames queued and not yet written: what the durable bound counts. */
  private final AtomicInteger pendingFrames = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean flushRequested = new AtomicBoolean();
  private Future<Void> tail = Future.succeededFuture();
  /** The flush that waits for the running one and has not read the queue yet, if any. */
  private Promise<Void> waiting;
  private volatile JournalBatch failed;
  private volatile List<Release> failedReleases = List.of();
  private volatile int failedFrames;
  private volatile Instant failingSince;
  private volatile String lastError;
  private int failures;
  private long retryAtNanos;
  private long lastOutageLogNanos;
  private volatile Timer persistLatency;
  private long timer = -1;

  /** An ack waiting for its frame to be written, and the call's event loop to send it on. */
  record Release(Context context, Runnable ack) {
  }

  /** Whether the store takes writes, and what waits for it. */
  public record Health(boolean storeUp, Instant failingSince, String lastError, int pendingFrames, int bound,
                       boolean durable) {

    /** Durable and at its bound: new frames are being refused. */
    public boolean full() {
      return durable && pendingFrames >= bound;
    }
  }

  /** The in-memory default's journal: past {@code maxPending} events, history loses events, calls never wait. */
  public CallJournal(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval, int maxPending,
                     int maxBatch) {
    this(vertx, store, redactor, flushInterval, maxPending, maxBatch, false);
  }

  private CallJournal(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval, int maxPending,
                      int maxBatch, boolean durable) {
    this.vertx = vertx;
    this.store = store;
    this.redactor = redactor;
    this.flushInterval = flushInterval;
    this.maxPending = maxPending;
    this.maxBatch = maxBatch;
    this.durable = durable;
  }

  public static CallJournal dropping(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval,
                                     int maxPending, int maxBatch) {
    return new CallJournal(vertx, store, redactor, flushInterval, maxPending, maxBatch, false);
  }

  /**
   * A journal that loses nothing: use with {@link #persistedAcks()}, which refuses new frames while
   * {@code maxPendingFrames} frames wait to be written.
   */
  public static CallJournal durable(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval,
                                    int maxPendingFrames, int maxBatch) {
    return new CallJournal(vertx, store, redactor, flushInterval, maxPendingFrames, maxBatch, true);
  }

  public CallJournal start() {
    timer = vertx.setPeriodic(flushInterval.toMillis(), id -> flush());
    return this;
  }

  /** Times each frame from applied to committed (the flush latency), when set. */
  public CallJournal persistLatency(Timer timer) {
    this.persistLatency = timer;
    return this;
  }

  /** Stops the timer and writes what is queued. */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    synchronized (this) {
      retryAtNanos = 0;
    }
    return flush();
  }

  @Override
  public void on(CallEvent event) {
    if (!durable && pending.get() >= maxPending) {
      if (dropped.getAndIncrement() % 10_000 == 0) {
        LOG.atWarn().addKeyValue("callId", event.callId()).addKeyValue("dropped", dropped.get())
            .log("journal queue full; call history is losing events");
      }
      return;
    }
    if (event instanceof CallEvent.Applied) {
      pendingFrames.incrementAndGet();
    }
    enqueue(event);
  }

  private void enqueue(Object entry) {
    queue.add(entry);
    // A full batch goes now rather than at the next tick; one request at a time.
    if (pending.incrementAndGet() >= maxBatch && timer >= 0 && flushRequested.compareAndSet(false, true)) {
      vertx.runOnContext(v -> {
        flushRequested.set(false);
        flush();
      });
    }
  }

  /** An ack gate that sends each ack once its frame (and everything before it) is in the store. */
  public AckGate persistedAcks() {
    return new PersistedAcks(this);
  }

  /** Queues {@code ack} behind everything queued so far; never dropped: a lost ack would leave the client resending. */
  void releaseAfterQueued(Runnable ack) {
    enqueue(new Release(Vertx.currentContext(), ack));
  }

  /** False while a durable journal holds its bound of unwritten frames. */
  boolean accepting() {
    return !durable || pendingFrames.get() < maxPending;
  }

  /** Events queued and not yet written. */
  public int pending() {
    return pending.get();
  }

  /** Events dropped because the queue was full, since start. */
  public long dropped() {
    return dropped.get();
  }

  public Health health() {
    return new Health(failingSince == null, failingSince, lastError, pendingFrames.get(), maxPending, durable);
  }

  /**
   * Writes everything queued before this call; completes when it is in the store. Flushes run one after another; a
   * flush asked for while another waits to start joins that one (it has not read the queue yet), so however often the
   * timer or a full batch asks during a long write, at most one flush waits.
   */
  public synchronized Future<Void> flush() {
    if (waiting != null) {
      return waiting.future();
    }
    Promise<Void> link = Promise.promise();
    waiting = link;
    tail.onComplete(previous -> {
      synchronized (this) {
        if (waiting == link) {
          waiting = null;
        }
      }
      writeQueued().onComplete(link);
    });
    tail = link.future();
    return tail;
  }

  private Future<Void> writeQueued() {
    if (failed != null) {
      synchronized (this) {
        if (System.nanoTime() < retryAtNanos) {
          return Future.failedFuture("history store unavailable; next attempt after the back-off");
        }
      }
      return write(failed, failedReleases, failedFrames).compose(v -> writeQueued());
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
    return write(batcher.batch(), batcher.releases, batcher.frames.size())
        .compose(v -> queue.isEmpty() ? Future.succeededFuture() : writeQueued());
  }

  private Future<Void> write(JournalBatch batch, List<Release> releases, int frames) {
    Future<Void> written = batch.isEmpty() ? Future.succeededFuture()
        : store.write(batch).timeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return written.andThen(result -> {
      if (result.succeeded()) {
        committed(batch, releases, frames);
      } else {
        failed(batch, releases, frames, result.cause());
      }
    });
  }

  private void committed(JournalBatch batch, List<Release> releases, int frames) {
    Instant now = Instant.now();
    if (failingSince != null) {
      LOG.atInfo().addKeyValue("downFor", Duration.between(failingSince, now).toMillis() + " ms")
          .addKeyValue("pendingFrames", pendingFrames.get() - frames).log("history store back; draining the journal");
    }
    failed = null;
    failedReleases = List.of();
    failingSince = null;
    lastError = null;
    synchronized (this) {
      failures = 0;
    }
    pendingFrames.addAndGet(-frames);
    Timer latency = persistLatency;
    if (latency != null) {
      for (StoredFrame frame : batch.frames()) {
        latency.record(Duration.between(frame.appliedAt(), now));
      }
    }
    releases.forEach(release -> {
      if (release.context() == null) {
        release.ack().run();
      } else {
        release.context().runOnContext(v -> release.ack().run());
      }
    });
  }

  private void failed(JournalBatch batch, List<Release> releases, int frames, Throwable cause) {
    failed = batch;
    failedReleases = releases;
    failedFrames = frames;
    lastError = String.valueOf(cause.getMessage());
    long now = System.nanoTime();
    synchronized (this) {
      failures++;
      long backoff = Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failures - 1, 20));
      retryAtNanos = now + backoff;
    }
    if (failingSince == null) {
      failingSince = Instant.now();
      lastOutageLogNanos = now;
      LOG.atWarn().setCause(cause).addKeyValue("events", batch.size()).addKeyValue("durable", durable)
          .log(durable ? "history store unavailable; frames queue and acks wait until it is back"
              : "history store unavailable; retrying");
    } else if (now - lastOutageLogNanos > OUTAGE_LOG_EVERY_NANOS) {
      lastOutageLogNanos = now;
      LOG.atWarn().addKeyValue("since", failingSince).addKeyValue("pendingFrames", pendingFrames.get())
          .addKeyValue("error", lastError).log("history store still unavailable");
    }
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
