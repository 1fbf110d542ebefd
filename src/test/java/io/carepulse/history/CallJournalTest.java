package io.carepulse.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.live.EndedCall;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.CallState;
import io.carepulse.store.InMemoryStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.StoredFrame;
import io.carepulse.store.WhisperRecord;
import io.carepulse.testing.Await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CallJournalTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final CoreConfig CORE = CoreConfig.defaults();

  @Test
  void aScoredCall_landsInTheStore_withItsTextRedacted(Vertx vertx) {
    InMemoryStore store = new InMemoryStore(100, 10);
    CallJournal journal = new CallJournal(vertx, store, Redactor.standard(), Duration.ofMillis(10), 1000, 100).start();
    CallStart start = new CallStart("c1", 1, T0, new CallStart.Customer("cu-1", "Dana"), "team-a", null, Map.of());
    CallInfo info = new CallInfo("c1", "agent-1", "team-a", start);
    CallEngine engine = new CallEngine("c1", CORE);

    journal.on(new CallEvent.Started(info, Instant.now()));
    feed(journal, info, engine, start);
    feed(journal, info, engine, new Utterance("c1", 2, T0 + 3000, Speaker.CUSTOMER,
        "My card 4111 1111 1111 1111 was charged twice, email me at dana@example.com", true, 3000L, 5000L, "u-2"));
    feed(journal, info, engine, new SoftphoneEvent("c1", 3, T0 + 6000, SoftphoneEvent.Kind.DTMF, "4111111111111111"));
    journal.on(new CallEvent.Whispered(info, "sup-1", "Call her back on 020 7946 0958", WhisperOutcome.DELIVERED,
        Instant.now()));
    feed(journal, info, engine, new CallEnd("c1", 4, T0 + 9000, "resolved"));
    journal.on(new CallEvent.Ended(info, new EndedCall("c1", "agent-1", "team-a", 4, "resolved", engine.summary(),
        Instant.now())));
    journal.flush().await();

    CallRecord call = store.call("c1").await().orElseThrow();
    assertThat(call.state()).isEqualTo(CallState.ENDED);
    assertThat(call.summary()).isEqualTo(engine.summary());
    List<StoredFrame> frames = store.frames("c1", 0, 10).await();
    assertThat(frames).extracting(StoredFrame::seq).containsExactly(1L, 2L, 3L, 4L);
    assertThat(frames.get(1).frame().getString("text"))
        .isEqualTo("My card [card] was charged twice, email me at [email]");
    assertThat(frames.get(2).frame().getString("detail")).isEqualTo("[card]");
    assertThat(store.scores("c1", 0, 10).await()).isNotEmpty();
    assertThat(store.whispers("c1").await()).extracting(WhisperRecord::text).containsExactly("Call her back on [phone]");
    assertThat(journal.pending()).isZero();
  }

  @Test
  void aFullQueue_dropsHistory_neverTheCall(Vertx vertx) {
    InMemoryStore store = new InMemoryStore(100, 10);
    CallJournal journal = new CallJournal(vertx, store, Redactor.standard(), Duration.ofHours(1), 2, 100);
    CallStart start = new CallStart("c1", 1, T0, null, "team-a", null, Map.of());
    CallInfo info = new CallInfo("c1", "agent-1", "team-a", start);
    for (int i = 0; i < 5; i++) {
      journal.on(new CallEvent.Started(info, Instant.now()));
    }
    assertThat(journal.pending()).isEqualTo(2);
    assertThat(journal.dropped()).isEqualTo(3);
  }

  @Test
  void persistedAcks_areSentOnlyAfterTheFrameIsWritten_inOrder(Vertx vertx) throws Exception {
    InMemoryStore store = new InMemoryStore(100, 10);
    CallJournal journal = new CallJournal(vertx, store, Redactor.standard(), Duration.ofHours(1), 100, 100);
    CallStart start = new CallStart("c1", 1, T0, null, "team-a", null, Map.of());
    CallInfo info = new CallInfo("c1", "agent-1", "team-a", start);
    CallEngine engine = new CallEngine("c1", CORE);
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();

    vertx.runOnContext(v -> {
      journal.on(new CallEvent.Started(info, Instant.now()));
      CallEvent.Applied applied = new CallEvent.Applied(info, start, engine.apply(start), Instant.now());
      journal.on(applied);
      journal.persistedAcks().release(applied, () -> seen.add("ack 1, stored: " + !store.frames("c1", 0, 10).result().isEmpty()));
      queued.set(true);
    });
    // The frame must be queued before the flush below, or the flush writes nothing and the ack waits for ever.
    Await.until("the frame and its ack queued", queued::get);
    Await.holds(Duration.ofMillis(50), "no ack before the frame is written", seen::isEmpty);
    assertThat(seen).isEmpty();
    journal.flush().await();
    Await.until("the ack", () -> !seen.isEmpty());
    assertThat(seen).containsExactly("ack 1, stored: true");
  }

  @Test
  void persistedAcks_ofManyFramesOfSeveralCalls_comeInOrder_eachOnlyOnceItsFrameIsStored(Vertx vertx) {
    InMemoryStore real = new InMemoryStore(100, 10);
    // Writes end a few milliseconds later, as a database's do: an ack released before its batch committed is seen.
    CarePulseStore store = (CarePulseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {CarePulseStore.class}, (proxy, method, args) -> method.getName().equals("write")
            ? vertx.timer(1 + ThreadLocalRandom.current().nextInt(4)).compose(t -> real.write((JournalBatch) args[0]))
            : method.invoke(real, args));
    int calls = 3;
    int framesPerCall = 150;
    CallJournal journal = new CallJournal(vertx, store, Redactor.standard(), Duration.ofMillis(5), 10_000, 16).start();
    Map<String, List<Long>> acked = new ConcurrentHashMap<>();
    List<String> early = new CopyOnWriteArrayList<>();

    vertx.runOnContext(v -> {
      CallInfo[] infos = new CallInfo[calls];
      CallEngine[] engines = new CallEngine[calls];
      for (long seq = 1; seq <= framesPerCall; seq++) {
        for (int c = 0; c < calls; c++) {
          String callId = "c" + c;
          CallFrame frame;
          if (seq == 1) {
            CallStart start = new CallStart(callId, 1, T0, null, "team-a", null, Map.of());
            infos[c] = new CallInfo(callId, "agent-" + c, "team-a", start);
            engines[c] = new CallEngine(callId, CORE);
            journal.on(new CallEvent.Started(infos[c], Instant.now()));
            frame = start;
          } else {
            frame = new Utterance(callId, seq, T0 + seq * 1000, seq % 2 == 0 ? Speaker.CUSTOMER : Speaker.AGENT,
                "turn " + seq, true, seq * 1000 - 800, seq * 1000, "u-" + seq);
          }
          CallEvent.Applied applied = new CallEvent.Applied(infos[c], frame, engines[c].apply(frame), Instant.now());
          journal.on(applied);
          long ackSeq = seq;
          journal.persistedAcks().release(applied, () -> {
            boolean stored = real.frames(callId, ackSeq - 1, 1).result().stream().anyMatch(f -> f.seq() == ackSeq);
            if (!stored) {
              early.add(callId + " seq " + ackSeq);
            }
            acked.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(ackSeq);
          });
        }
      }
    });
    Await.until("every ack", () -> acked.values().stream().mapToInt(List::size).sum() == calls * framesPerCall);
    assertThat(early).as("acks sent before their frame was stored").isEmpty();
    List<Long> inOrder = LongStream.rangeClosed(1, framesPerCall).boxed().toList();
    for (int c = 0; c < calls; c++) {
      assertThat(acked.get("c" + c)).as("acks of call c%d", c).isEqualTo(inOrder);
    }
  }

  private static void feed(CallJournal journal, CallInfo info, CallEngine engine, CallFrame frame) {
    journal.on(new CallEvent.Applied(info, frame, engine.apply(frame), Instant.now()));
  }
}
