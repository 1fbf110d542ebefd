package io.carepulse.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved agent on its own socket, streaming one call at a steady pace (an utterance every 50 ms, a tenth of
 * the frame budget) while a test abuses the service on another socket. It measures every frame's round trip to its
 * ack; {@link #assertAcksFlowed} is what "one bad client never touches anyone else's call" means in numbers.
 */
final class Neighbour implements AutoCloseable {

  static final Duration PERIOD = Duration.ofMillis(50);
  private static final long T0 = 1_700_000_000_000L;

  private final RawSocket socket;
  private final String callId;
  private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "neighbour-pacer"));
  private final Thread reader;
  private final Map<Long, Long> sentNanos = new ConcurrentHashMap<>();
  private final List<Long> ackMillis = new CopyOnWriteArrayList<>();
  private final AtomicLong lastSent = new AtomicLong();
  private final AtomicLong lastAcked = new AtomicLong();
  private volatile String failure;
  /** Acks before this index were the baseline, measured before the abuse began. */
  private volatile int baselineEnd;
  private volatile long baselineP99 = 0;
  /** Set when the test stops streaming; the reader keeps collecting the last acks. */
  private volatile boolean paused;
  private volatile boolean stopping;

  private Neighbour(RawSocket socket, String callId) {
    this.socket = socket;
    this.callId = callId;
    this.reader = daemon(this::readAcks, "neighbour-reader");
  }

  /** Connects with a bearer header, starts its call and streams until {@link #stop()}. */
  static Neighbour start(int port, String token, String callId) throws IOException {
    RawSocket socket = RawSocket.upgraded(port, "/v1/agent", Map.of("Authorization", "Bearer " + token));
    RawSocket.Frame welcome = socket.readAnsweringPings(Duration.ofSeconds(10));
    assertThat(welcome).as("neighbour's welcome").isNotNull();
    assertThat(new JsonObject(welcome.text()).getString("type")).isEqualTo("welcome");
    Neighbour neighbour = new Neighbour(socket, callId);
    neighbour.reader.start();
    neighbour.pacer.scheduleAtFixedRate(neighbour::sendNext, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    return neighbour;
  }

  private void sendNext() {
    if (paused || stopping) {
      return;
    }
    long seq = lastSent.get() + 1;
    JsonObject frame = seq == 1
        ? new JsonObject().put("type", "call.start").put("callId", callId).put("seq", 1).put("ts", T0)
            .put("customer", new JsonObject().put("name", "Robin")).put("teamId", "team-a")
        : new JsonObject().put("type", "utterance").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 50)
            .put("speaker", seq % 2 == 0 ? "customer" : "agent").put("final", true)
            .put("text", seq % 2 == 0 ? "My card was charged twice this month." : "I'm sorry, let me fix that for you now.");
    try {
      sentNanos.put(seq, System.nanoTime());
      socket.sendText(frame.encode());
      lastSent.set(seq);
    } catch (IOException e) {
      failure = "neighbour could not send seq " + seq + ": " + e;
      stopping = true;
    }
  }

  private void readAcks() {
    try {
      while (!stopping) {
        RawSocket.Frame frame = socket.readAnsweringPings(Duration.ofSeconds(30));
        if (frame == null || frame.opcode() == RawSocket.CLOSE) {
          if (!stopping) {
            failure = "the neighbour's socket was closed" + (frame == null ? "" : " with " + frame.closeCode());
          }
          return;
        }
        JsonObject message = new JsonObject(frame.text());
        if ("ack".equals(message.getString("type"))) {
          long seq = message.getLong("seq");
          Long sent = sentNanos.remove(seq);
          if (sent != null) {
            ackMillis.add((System.nanoTime() - sent) / 1_000_000);
          }
          lastAcked.set(seq);
        } else if ("error".equals(message.getString("type"))) {
          failure = "the neighbour was refused a frame: " + message.encode();
        }
      }
    } catch (IOException e) {
      if (!stopping) {
        failure = "the neighbour stopped hearing the service: " + e;
      }
    }
  }

  /**
   * Waits for {@code n} acks before any abuse and keeps their p99 as the baseline: on a shared two-core box the load
   * of other processes moves every figure, and the question is what the abuse adds.
   */
  void measureBaseline(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acked() < n && failure == null && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
    assertThat(failure).as("neighbour failure before the abuse").isNull();
    assertThat(acked()).as("neighbour acks before the abuse").isGreaterThanOrEqualTo(n);
    baselineP99 = quantile(new ArrayList<>(ackMillis), 0.99);
    baselineEnd = ackMillis.size();
  }

  long acked() {
    return ackMillis.size();
  }

  /** The {@code q}-quantile (0..1) of the ack round trips since the baseline, in ms. */
  long quantileMillis(double q) {
    return quantile(new ArrayList<>(ackMillis.subList(Math.min(baselineEnd, ackMillis.size()), ackMillis.size())), q);
  }

  private static long quantile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Long.MAX_VALUE;
    }
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
  }

  long maxMillis() {
    return quantileMillis(1.0);
  }

  /** The round-trip figures, for a test's report line: "n=… p50=… p99=… max=… ms (baseline p99 … ms)". */
  String figures() {
    return "n=" + (acked() - baselineEnd) + " p50=" + quantileMillis(0.5) + " p99=" + quantileMillis(0.99) + " max="
        + maxMillis() + " ms (baseline p99 " + baselineP99 + " ms)";
  }

  /**
   * Every frame sent was acknowledged in order with no refusal, at least {@code minAcks} acks arrived since the
   * baseline, and their p99 round trip stayed under {@code p99Bound} — or under four times the baseline's p99 when the
   * box was already that slow before the abuse. Waits up to 5 s for the last frames' acks.
   */
  void assertAcksFlowed(long minAcks, Duration p99Bound) {
    // Short cases end quickly: the neighbour streams at least minAcks frames, all of them beside the abuse's aftermath.
    long least = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (acked() - baselineEnd < minAcks && failure == null && System.nanoTime() < least) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
    paused = true;
    pacer.shutdownNow();
    try {
      pacer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    long sent = lastSent.get();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (lastAcked.get() < sent && failure == null && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
    assertThat(failure).as("neighbour failure").isNull();
    assertThat(lastAcked.get()).as("neighbour's last ack (of " + sent + " sent)").isEqualTo(sent);
    assertThat(acked() - baselineEnd).as("neighbour acks during the abuse").isGreaterThanOrEqualTo(minAcks);
    long bound = Math.max(p99Bound.toMillis(), 4 * baselineP99);
    assertThat(quantileMillis(0.99)).as("neighbour p99 ack ms (" + figures() + "), bound " + bound + " ms")
        .isLessThan(bound);
  }

  @Override
  public void close() {
    stopping = true;
    pacer.shutdownNow();
    socket.close();
  }

  private static Thread daemon(Runnable work, String name) {
    Thread thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
  }
}
