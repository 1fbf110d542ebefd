package io.carepulse.history;

import io.carepulse.coach.Prompt;
import io.carepulse.live.AckGate;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.live.CallListener;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.rx.ContextScheduler;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.store.BatchRefused;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.PromptFeedbackRecord;
import io.carepulse.store.PromptRecord;
import io.carepulse.store.QuarantinedEntry;
import io.carepulse.store.ScorePoint;
import io.carepulse.store.StoredFrame;
import io.carepulse.store.WhisperRecord;
import io.carepulse.wire.ClientFrameJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens on live calls into the {@link CarePulseStore}, off the live path. {@link #on} only counts and
 * hands the event to a stream (no I/O, no encoding); the stream cuts batches — every flush interval, at a full batch,
 * or when someone asks to {@link #flush} — and writes them one at a time, in order, on the journal's own context,
 * encoding frames and redacting their text there. A failed batch is retried (writes are idempotent) with a back-off
 * up to {@link #MAX_BACKOFF} before anything newer is written, so the store sees every call's events in order, and
 * {@link #health()} says so meanwhile.
 *
 * <p>Bounded, one of two ways. {@link #dropping} (the in-memory default): past {@code maxPending} events not yet
 * written, new events are dropped and counted — history degrades, the live call never waits. {@link #durable}
 * (PostgreSQL): nothing is dropped; {@link #persistedAcks()} holds each ack until its frame is written and refuses new
 * frames while {@code maxPending} frames wait, so the client keeps what the server could not store yet.
 *
 * <p>A batch the store refuses for its data ({@link BatchRefused}: retrying it would fail again) is split in halves,
 * and each half written on its own, until the entry at fault stands alone; that entry goes to the store's quarantine
 * with the reason, and counts as written, so its call and every other call keep flowing and getting acks. Found in
 * about 2·log2(batch) writes.
 */
public final class CallJournal implements CallListener {

  private static final Logger LOG = LoggerFactory.getLogger(CallJournal.class);
  /** A database that is down is asked again at most this seldom; it is also about how long recovery takes to notice. */
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  /** A write that hangs (a half-open connection) is abandoned after this and retried; writes are idempotent. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);
  private static final long OUTAGE_LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** The least time between two commits of an idle durable journal: at most 100 a second when frames trickle in. */
  private static final long COMMIT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** What closes a batch besides the clock: a full batch, or a flush. */
  private static final Object CUT = new Object();

  private final Vertx vertx;
  private final Scheduler scheduler;
  private final CarePulseStore store;
  private final Redactor redactor;
  /**
   * Free text that may carry personal data — what was said, and softphone event details (DTMF digits) — is redacted
   * before it is stored.
   */
  private final UnaryOperator<String> redact;
  private final Duration flushInterval;
  private final int maxPending;
  private final int maxBatch;
  private final boolean durable;
  /** Every queued entry, from any event loop, in one order. */
  private final FlowableProcessor<Object> entries = PublishProcessor.create().toSerialized();
  /** Batch boundaries: the clock's ticks, full batches, flushes. */
  private final FlowableProcessor<Object> cuts = PublishProcessor.create().toSerialized();
  private final Promise<Void> drained = Promise.promise();
  /** Batches cut and not yet written, oldest first. */
  private final java.util.Queue<List<Object>> cutBatches = new java.util.concurrent.ConcurrentLinkedQueue<>();
  /** On the journal's context only: a write is running. */
  private boolean writing;
  /**
   * Durable journals, once started: nothing is being written and nothing waits to be, so the next entry is cut at once
   * instead of at the next tick. Entries that arrive while a write runs are cut when it ends: a group commit, one
   * commit's latency at low load, batches as large as the load at high load (acks wait on these commits).
   */
  private final AtomicBoolean idle = new AtomicBoolean();
  /** When the last write began; an idle journal's next commit starts no sooner than {@link #COMMIT_GAP_NANOS} after. */
  private volatile long lastWriteNanos;
  private volatile boolean cutsDone;
  /** Events queued and not yet written: what the dropping bound counts. */
  private final AtomicInteger pending = new AtomicInteger();
  /** Frames queued and not yet written: what the durable bound counts. */
  private final AtomicInteger pendingFrames = new AtomicInteger();
  /** Entries since the last cut; a batch is cut when it reaches maxBatch. */
  private final AtomicInteger uncut = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private volatile Instant failingSince;
  private volatile String lastError;
  private volatile Timer persistLatency;
  private volatile Counter quarantinedCount;
  private final AtomicLong quarantined = new AtomicLong();
  /** Since when frames have waited with no batch committed (System.nanoTime); meaningful while frames wait. */
  private final AtomicLong waitingSinceNanos = new AtomicLong(System.nanoTime());
  private volatile boolean stopping;
  private Disposable ticks = Disposable.disposed();
  private int failures;
  private long lastOutageLogNanos;

  /** An ack waiting for its frame to be written, and the call's event loop to send it on. */
  record Release(Context context, Runnable ack) {
  }

  /** Someone waiting until everything queued before it has been written. */
  private record Flush(Promise<Void> written) {
  }

  /** Whether the store takes writes, and what waits for it. */
  public record Health(boolean storeUp, Instant failingSince, String lastError, int pendingFrames, int bound,
                       boolean durable, Duration acksWaiting, long quarantined) {

    /** Durable and at its bound: new frames are being refused. */
    public boolean full() {
      return durable && pendingFrames >= bound;
    }

    /** Durable, and frames have waited longer than {@code limit} with nothing committed: acks are stuck. */
    public boolean stuckLongerThan(Duration limit) {
      return durable && pendingFrames > 0 && acksWaiting.compareTo(limit) > 0;
    }
  }

  /** The in-memory default's journal: past {@code maxPending} events, history loses events, calls never wait. */
  public CallJournal(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval, int maxPending,
                     int maxBatch) {
    this(vertx, store, redactor, flushInterval, maxPending, maxBatch, false);
  }

  /** The journal runs on the context of its caller (a verticle's, when one builds it), or on a new one. */
  private CallJournal(Vertx vertx, CarePulseStore store, Redactor redactor, Duration flushInterval, int maxPending,
                      int maxBatch, boolean durable) {
    this.vertx = vertx;
    this.scheduler = new ContextScheduler(vertx.getOrCreateContext());
    this.store = store;
    this.redactor = redactor;
    this.redact = redactor::redact;
    this.flushInterval = flushInterval;
    this.maxPending = maxPending;
    this.maxBatch = maxBatch;
    this.durable = durable;
    entries.buffer(cuts)
        .doOnNext(batch -> uncut.addAndGet(-batch.size()))
        .filter(batch -> !batch.isEmpty())
        .subscribe(this::queueBatch, drained::tryFail, () -> {
          cutsDone = true;
          scheduler.scheduleDirect(this::writeNext);
        });
  }

  /**
   * A cut runs on whichever thread closed the batch; cut batches wait here (bounded by the counts above) while one is
   * written, then go on the journal's context, one write at a time.
   */
  private void queueBatch(List<Object> batch) {
    cutBatches.add(batch);
    scheduler.scheduleDirect(this::writeNext);
  }

  /**
   * On the journal's context: writes what is queued, oldest first, merging queued batches up to the batch size. After
   * an outage the clock has cut many small batches; merged, they drain in a few commits instead of one each.
   */
  private void writeNext() {
    if (writing) {
      return;
    }
    List<Object> merged = new ArrayList<>();
    for (List<Object> next = cutBatches.peek(); next != null && (merged.isEmpty()
        || merged.size() + next.size() <= maxBatch); next = cutBatches.peek()) {
      merged.addAll(cutBatches.poll());
    }
    if (merged.isEmpty()) {
      if (cutsDone) {
        drained.tryComplete();
      } else if (durable && !ticks.isDisposed()) {
        idle.set(true);
        // An entry queued while we were deciding saw no idle journal: cut it now rather than at the next tick.
        if (uncut.get() > 0) {
          cutIfIdle();
        }
      }
      return;
    }
    writing = true;
    lastWriteNanos = System.nanoTime();
    write(merged).subscribe(() -> {
      writing = false;
      writeNext();
    }, drained::tryFail);
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

  /** Starts the clock: a batch is cut every flush interval. */
  public CallJournal start() {
    ticks = Flowable.interval(flushInterval.toMillis(), TimeUnit.MILLISECONDS, scheduler).subscribe(tick -> cuts.onNext(CUT));
    idle.set(durable);
    return this;
  }

  /** Counts the entries quarantined, when set. */
  public CallJournal quarantinedCount(Counter counter) {
    this.quarantinedCount = counter;
    return this;
  }

  /** Times each frame from applied to committed (the flush latency), when set. */
  public CallJournal persistLatency(Timer timer) {
    this.persistLatency = timer;
    return this;
  }

  /**
   * Stops the clock and writes what is queued; completes once it is in the store. A batch that fails now is not
   * retried: those frames were never acked, and their clients resend them to whichever service takes their calls.
   */
  public Future<Void> stop() {
    ticks.dispose();
    stopping = true;
    entries.onComplete();
    return drained.future();
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
    if (event instanceof CallEvent.Applied && pendingFrames.incrementAndGet() == 1) {
      waitingSinceNanos.set(System.nanoTime());
    }
    pending.incrementAndGet();
    enqueue(event);
  }

  private void enqueue(Object entry) {
    entries.onNext(entry);
    // A full batch goes now rather than at the next tick; one cut per full batch.
    if (uncut.incrementAndGet() == maxBatch) {
      cuts.onNext(CUT);
    } else if (idle.get()) {
      cutIfIdle();
    }
  }

  private void cutIfIdle() {
    if (!idle.compareAndSet(true, false)) {
      return;
    }
    long wait = COMMIT_GAP_NANOS - (System.nanoTime() - lastWriteNanos);
    if (wait <= 0) {
      cuts.onNext(CUT);
    } else {
      // Soon, not now: what arrives meanwhile shares the commit, so a trickle of frames is not one commit each.
      vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), id -> cuts.onNext(CUT));
    }
  }

  /** An ack gate that sends each ack once its frame (and everything before it) is in the store. */
  public AckGate persistedAcks() {
    return new PersistedAcks(this);
  }

  /** Queues {@code ack} behind everything queued so far; never dropped: a lost ack would leave the client resending. */
  void releaseAfterQueued(Runnable ack) {
    pending.incrementAndGet();
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

  /** Entries the store refused and the journal quarantined, since start. */
  public long quarantined() {
    return quarantined.get();
  }

  public Health health() {
    int waiting = pendingFrames.get();
    Duration acksWaiting = waiting == 0 ? Duration.ZERO
        : Duration.ofNanos(Math.max(0, System.nanoTime() - waitingSinceNanos.get()));
    return new Health(failingSince == null, failingSince, lastError, waiting, maxPending, durable, acksWaiting,
        quarantined.get());
  }

  /**
   * Writes everything queued before this call now, without waiting for the clock; completes when it is in the store,
   * and fails if that write fails (the batch is retried after the back-off all the same).
   */
  public Future<Void> flush() {
    if (stopping) {
      return drained.future();
    }
    Promise<Void> written = Promise.promise();
    enqueue(new Flush(written));
    cuts.onNext(CUT);
    return written.future();
  }

  /**
   * One batch: written, or retried after the back-off until it is (unless the journal is stopping); a batch the store
   * refuses for its data is split to isolate the entry at fault.
   */
  private Completable write(List<Object> entries) {
    Batcher batcher = new Batcher();
    entries.forEach(batcher::add);
    JournalBatch batch = batcher.batch();
    return retriedAfterOutages(Completable.defer(() -> attempt(batch, batcher)))
        .onErrorResumeNext(cause -> cause instanceof BatchRefused refused ? isolate(entries, refused)
            : Completable.error(cause));
  }

  private Completable retriedAfterOutages(Completable write) {
    return write.retryWhen(failures -> failures.concatMap(failure -> stopping || failure instanceof BatchRefused
        ? Flowable.error(failure)
        : Flowable.timer(backoff().toMillis(), TimeUnit.MILLISECONDS, scheduler)));
  }

  /** Halves at the middle event (acks and flushes stay behind the events they follow) until one event is left. */
  private Completable isolate(List<Object> entries, BatchRefused refused) {
    List<Integer> events = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      if (entries.get(i) instanceof CallEvent) {
        events.add(i);
      }
    }
    if (events.size() <= 1) {
      return quarantine(entries, refused);
    }
    int cut = events.get(events.size() / 2);
    List<Object> first = List.copyOf(entries.subList(0, cut));
    List<Object> second = List.copyOf(entries.subList(cut, entries.size()));
    return Completable.defer(() -> write(first)).andThen(Completable.defer(() -> write(second)));
  }

  /**
   * Keeps the refused event aside with the reason, then lets its acks and flushes go as if it had been written. The
   * quarantine write is retried whatever fails: if even that is refused, the store itself is broken (a missing table),
   * not one entry, and acks stall where {@code /ready} reports it.
   */
  private Completable quarantine(List<Object> entries, BatchRefused refused) {
    Batcher batcher = new Batcher();
    entries.forEach(batcher::add);
    QuarantinedEntry entry = entries.stream().filter(CallEvent.class::isInstance).findFirst()
        .map(event -> quarantined(batcher, refused)).orElse(null);
    return Completable.defer(() -> Completable.fromCompletionStage((entry == null ? Future.<Void>succeededFuture()
                : store.quarantine(entry).timeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).toCompletionStage())
            .observeOn(scheduler)
            .doOnError(cause -> failed(batcher.batch(), batcher, cause)))
        .retryWhen(failures -> failures.concatMap(failure -> stopping ? Flowable.error(failure)
            : Flowable.timer(backoff().toMillis(), TimeUnit.MILLISECONDS, scheduler)))
        .doOnComplete(() -> {
          if (entry != null) {
            quarantined.incrementAndGet();
            Counter counter = quarantinedCount;
            if (counter != null) {
              counter.increment();
            }
            LOG.atWarn().addKeyValue("callId", entry.callId()).addKeyValue("seq", entry.seq())
                .addKeyValue("kind", entry.kind()).addKeyValue("reason", entry.reason())
                .log("history store refused an entry; quarantined it, every other entry is written");
          }
          committed(batcher.batch(), batcher);
        });
  }

  private static QuarantinedEntry quarantined(Batcher batcher, BatchRefused refused) {
    String id = UUID.randomUUID().toString();
    String reason = refused.getMessage() == null ? refused.code() : refused.getMessage().replace("\0", "\\u0000");
    Instant at = Instant.now();
    if (!batcher.frames.isEmpty()) {
      StoredFrame frame = batcher.frames.get(0);
      return new QuarantinedEntry(id, frame.callId(), frame.seq(), "frame", frame.json(), reason, at);
    }
    if (!batcher.started.isEmpty()) {
      CallRecord call = batcher.started.get(0);
      JsonObject content = new JsonObject().put("agentId", call.agentId()).put("teamId", call.teamId())
          .put("customerId", call.customerId()).put("customerName", call.customerName()).put("locale", call.locale());
      return new QuarantinedEntry(id, call.callId(), null, "call", content.encode(), reason, at);
    }
    if (!batcher.whispers.isEmpty()) {
      WhisperRecord whisper = batcher.whispers.get(0);
      JsonObject content = new JsonObject().put("from", whisper.from()).put("text", whisper.text())
          .put("outcome", String.valueOf(whisper.outcome()));
      return new QuarantinedEntry(id, whisper.callId(), null, "whisper", content.encode(), reason, at);
    }
    CallEnding ending = batcher.ended.get(0);
    JsonObject content = new JsonObject().put("reason", ending.reason()).put("lastSeq", ending.lastSeq());
    return new QuarantinedEntry(id, ending.callId(), ending.lastSeq(), "ending", content.encode(), reason, at);
  }

  private Completable attempt(JournalBatch batch, Batcher batcher) {
    Future<Void> written = batch.isEmpty() ? Future.succeededFuture()
        : store.write(batch).timeout(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    return Completable.fromCompletionStage(written.toCompletionStage())
        .observeOn(scheduler)
        .doOnComplete(() -> committed(batch, batcher))
        .doOnError(cause -> {
          if (!(cause instanceof BatchRefused)) {
            failed(batch, batcher, cause);
          }
        });
  }

  private Duration backoff() {
    return Duration.ofNanos(Math.min(MAX_BACKOFF.toNanos(), FIRST_BACKOFF.toNanos() << Math.min(failures - 1, 20)));
  }

  private void committed(JournalBatch batch, Batcher batcher) {
    Instant now = Instant.now();
    if (failingSince != null) {
      LOG.atInfo().addKeyValue("downFor", Duration.between(failingSince, now).toMillis() + " ms")
          .addKeyValue("pendingFrames", pendingFrames.get() - batcher.frames.size())
          .log("history store back; draining the journal");
    }
    failingSince = null;
    lastError = null;
    failures = 0;
    pending.addAndGet(-batcher.entries);
    if (pendingFrames.addAndGet(-batcher.frames.size()) > 0) {
      waitingSinceNanos.set(System.nanoTime());
    }
    Timer latency = persistLatency;
    if (latency != null) {
      for (StoredFrame frame : batch.frames()) {
        latency.record(Duration.between(frame.appliedAt(), now));
      }
    }
    batcher.releases.forEach(release -> {
      if (release.context() == null) {
        release.ack().run();
      } else {
        release.context().runOnContext(v -> release.ack().run());
      }
    });
    batcher.flushes.forEach(flush -> flush.written().tryComplete());
  }

  private void failed(JournalBatch batch, Batcher batcher, Throwable cause) {
    lastError = String.valueOf(cause.getMessage());
    failures++;
    batcher.flushes.forEach(flush -> flush.written().tryFail(cause));
    long now = System.nanoTime();
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

  /** Turns queued events into one batch, in order. Runs on the journal's context, not on the calls' event loops. */
  private final class Batcher {
    final List<CallRecord> started = new ArrayList<>();
    final List<StoredFrame> frames = new ArrayList<>();
    final List<ScorePoint> scores = new ArrayList<>();
    final List<PromptRecord> prompts = new ArrayList<>();
    final List<PromptFeedbackRecord> feedback = new ArrayList<>();
    final List<WhisperRecord> whispers = new ArrayList<>();
    final List<CallEnding> ended = new ArrayList<>();
    final List<Release> releases = new ArrayList<>();
    final List<Flush> flushes = new ArrayList<>();
    /** Entries counted as pending: all but flushes. */
    int entries;

    void add(Object entry) {
      if (entry instanceof Flush flush) {
        flushes.add(flush);
        return;
      }
      entries++;
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
          ClientFrameJson.storedText(event.frame(), redact)));
      event.step().score().ifPresent(update -> scores.add(scorePoint(update, at)));
      for (Prompt prompt : event.step().prompts()) {
        prompts.add(new PromptRecord(prompt.callId(), prompt.promptId(), prompt.kind(), prompt.text(),
            prompt.priority(), prompt.seq(), at, prompt.also()));
      }
      if (event.frame() instanceof PromptFeedback given) {
        feedback.add(new PromptFeedbackRecord(given.callId(), given.promptId(), given.action(), given.seq(), at));
      }
    }

    JournalBatch batch() {
      return new JournalBatch(started, frames, scores, prompts, feedback, whispers, ended);
    }
  }

  private static CallRecord callRecord(CallInfo info, Instant at) {
    CallStart start = info.start();
    return CallRecord.started(info.callId(), info.agentId(), info.teamId(), start.customer().id(),
        start.customer().name(), start.locale(), at, info.context());
  }

  static ScorePoint scorePoint(ScoreUpdate update, Instant at) {
    return new ScorePoint(update.callId(), update.seq(), update.callTimeMs(), update.score(), update.callScore(),
        update.parts(), update.trend(), update.reasons(), at, update.customer());
  }

  /** Stores keep milliseconds (PostgreSQL keeps microseconds); truncating here makes both return equal instants. */
  private static Instant millis(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }
}
