package io.carepulse.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallStart;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.InMemoryStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.testing.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The journal's stream: batches cut by count and by time, one write at a time on its context, retries backing off. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class JournalBatchingTest {

  private static final Duration NEVER = Duration.ofHours(1);

  /** What the store was asked to write, when, and on which context. */
  private record Write(int size, long atNanos, Context context) {
  }

  private final List<Write> writes = new CopyOnWriteArrayList<>();

  @Test
  void aFullBatchIsWrittenAtOnce_withoutWaitingForTheClock(Vertx vertx) throws Exception {
    CallJournal journal = onContext(vertx, () -> CallJournal.dropping(vertx, store(batch -> Future.succeededFuture()),
        Redactor.standard(), NEVER, 1_000, 3).start());
    for (int i = 0; i < 7; i++) {
      journal.on(started("c" + i));
    }
    Await.until("two full batches", () -> writes.size() == 2);
    Await.holds(Duration.ofMillis(150), "the seventh event waits", () -> writes.size() == 2);
    journal.flush().await(5, TimeUnit.SECONDS);
    assertThat(writes).extracting(Write::size).containsExactly(3, 3, 1);
    assertThat(journal.pending()).isZero();
  }

  @Test
  void theClockCutsWhateverIsQueued(Vertx vertx) {
    CallJournal journal = onContext(vertx, () -> CallJournal.dropping(vertx, store(batch -> Future.succeededFuture()),
        Redactor.standard(), Duration.ofMillis(50), 1_000, 1_000).start());
    journal.on(started("c1"));
    journal.on(started("c2"));
    Await.until("the clock's batch", () -> writes.size() == 1);
    assertThat(writes).extracting(Write::size).containsExactly(2);
  }

  @Test
  void batchesAreWrittenOnTheJournalsContext_oneAtATime_inOrder(Vertx vertx) {
    Queue<Promise<Void>> running = new ConcurrentLinkedQueue<>();
    Context[] journalContext = new Context[1];
    CallJournal journal = onContext(vertx, () -> {
      journalContext[0] = Vertx.currentContext();
      return CallJournal.dropping(vertx, store(batch -> {
        Promise<Void> written = Promise.promise();
        running.add(written);
        return written.future();
      }), Redactor.standard(), NEVER, 1_000, 2);
    });
    for (int i = 0; i < 6; i++) {
      journal.on(started("c" + i));
    }
    Await.until("the first write", () -> writes.size() == 1);
    Await.holds(Duration.ofMillis(100), "no second write while the first runs", () -> writes.size() == 1);
    for (int done = 1; done <= 3; done++) {
      int written = done;
      Await.until("write " + written, () -> writes.size() == written && running.size() == 1);
      running.poll().complete();
    }
    Await.until("everything written", () -> journal.pending() == 0);
    assertThat(writes).extracting(Write::size).containsExactly(2, 2, 2);
    assertThat(writes).extracting(Write::context).containsOnly(journalContext[0]);
  }

  @Test
  void aDurableJournal_commitsAtOnceWhenIdle_andGroupsWhatArrivesDuringACommit(Vertx vertx) {
    // Acks wait on these commits: an idle journal writes a frame's batch now, not at the next tick (an hour away).
    Queue<Promise<Void>> running = new ConcurrentLinkedQueue<>();
    CallJournal journal = onContext(vertx, () -> CallJournal.durable(vertx, store(batch -> {
      Promise<Void> written = Promise.promise();
      running.add(written);
      return written.future();
    }), Redactor.standard(), NEVER, 1_000, 1_000).start());

    journal.on(started("c1"));
    Await.until("the first event's commit, without the clock", () -> writes.size() == 1);
    for (int i = 2; i <= 5; i++) {
      journal.on(started("c" + i));
    }
    Await.holds(Duration.ofMillis(100), "one commit at a time", () -> writes.size() == 1);
    running.poll().complete();
    Await.until("the four that came during it, in one commit", () -> writes.size() == 2 && running.size() == 1);
    running.poll().complete();
    Await.until("everything written", () -> journal.pending() == 0);
    journal.on(started("c6"));
    Await.until("idle again: the next event goes at once", () -> writes.size() == 3 && running.size() == 1);
    running.poll().complete();

    assertThat(writes).extracting(Write::size).containsExactly(1, 4, 1);
    Await.until("written", () -> journal.pending() == 0);
  }

  @Test
  void aDroppingJournal_keepsBatchingByTheClock(Vertx vertx) throws Exception {
    CallJournal journal = onContext(vertx, () -> CallJournal.dropping(vertx, store(batch -> Future.succeededFuture()),
        Redactor.standard(), NEVER, 1_000, 1_000).start());
    journal.on(started("c1"));
    Await.holds(Duration.ofMillis(150), "no ack waits on it: the event waits for the clock or a flush",
        () -> writes.isEmpty());
    journal.flush().await(5, TimeUnit.SECONDS);
    assertThat(writes).extracting(Write::size).containsExactly(1);
  }

  @Test
  void aFailedBatchIsRetriedWithABackoff_beforeAnythingNewer(Vertx vertx) {
    AtomicInteger attempts = new AtomicInteger();
    CallJournal journal = onContext(vertx, () -> CallJournal.durable(vertx, store(batch -> attempts.incrementAndGet() <= 2
            ? Future.failedFuture("database down") : Future.succeededFuture()),
        Redactor.standard(), NEVER, 1_000, 1));
    journal.on(started("first"));
    Await.until("the store to fail twice", () -> attempts.get() >= 2);
    assertThat(journal.health().storeUp()).isFalse();
    journal.on(started("second"));
    Await.until("both written", () -> journal.pending() == 0);

    assertThat(journal.health().storeUp()).isTrue();
    assertThat(writes).extracting(Write::size).containsExactly(1, 1, 1, 1);
    // 50 ms before the first retry, then twice that.
    assertThat(writes.get(1).atNanos() - writes.get(0).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(45));
    assertThat(writes.get(2).atNanos() - writes.get(1).atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(95));
  }

  @Test
  void flushWritesWhatIsQueuedWithoutWaitingForTheClock(Vertx vertx) throws Exception {
    CallJournal journal = onContext(vertx, () -> CallJournal.dropping(vertx, store(batch -> Future.succeededFuture()),
        Redactor.standard(), NEVER, 1_000, 100).start());
    journal.on(started("c1"));
    journal.on(started("c2"));
    journal.flush().await(5, TimeUnit.SECONDS);
    assertThat(writes).extracting(Write::size).containsExactly(2);
  }

  /** Builds the journal on an event-loop context, as its verticle does. */
  private static CallJournal onContext(Vertx vertx, java.util.concurrent.Callable<CallJournal> build) {
    try {
      return vertx.getOrCreateContext().executeBlocking(build, false).await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An in-memory store whose writes are recorded and answered by {@code answer}. */
  private CarePulseStore store(Function<JournalBatch, Future<Void>> answer) {
    InMemoryStore real = new InMemoryStore(100, 10);
    return (CarePulseStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {CarePulseStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("write")) {
            JournalBatch batch = (JournalBatch) args[0];
            writes.add(new Write(batch.size(), System.nanoTime(), Vertx.currentContext()));
            return answer.apply(batch).compose(v -> real.write(batch));
          }
          return method.invoke(real, args);
        });
  }

  private static CallEvent.Started started(String callId) {
    CallStart start = new CallStart(callId, 1, 0, null, "team-a", null, Map.of());
    return new CallEvent.Started(new CallInfo(callId, "agent-1", "team-a", start), Instant.now());
  }
}
