package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.utterance;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.testing.Await;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A supervisor whose browser tab froze must not slow agents or grow the server's memory, and must see the present once
 * it reads again. Measures an agent's frame-to-ack latency under the same call load with a reading supervisor and
 * with a stalled one (figures in docs/supervisor.md; the test prints them as "STALLED-SUPERVISOR ...").
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StalledSupervisorTest extends LiveServiceTest {

  private static final int LOAD_AGENTS = 4;
  private static final int CALLS_PER_AGENT = 10;
  private static final int PROBES = 150;

  private final List<SupervisorClient> supervisors = new ArrayList<>();
  private final AtomicBoolean loading = new AtomicBoolean(true);
  private final java.util.concurrent.atomic.AtomicLong loadFrames = new java.util.concurrent.atomic.AtomicLong();
  /** Paces the load: one round of frames, then 100 ms, then the next. */
  private final ScheduledExecutorService loadClock = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "load"));
  /** The load's next seq; touched by the load thread only. */
  private long loadSeq = 2;

  @AfterEach
  void stop() throws InterruptedException {
    stopLoad();
    supervisors.forEach(SupervisorClient::close);
  }

  private void stopLoad() throws InterruptedException {
    loading.set(false);
    loadClock.shutdown();
    loadClock.awaitTermination(2, TimeUnit.SECONDS);
  }

  @Test
  void aStalledSupervisorDoesNotSlowAgents_staysBounded_andCatchesUpWithThePresent() throws Exception {
    start();
    String token = service.jwt().mint("sup-a", Role.SUPERVISOR, List.of("team-a"), Duration.ofMinutes(5));
    // A small receive window, as a slow far-away browser has: the server's socket fills in seconds, not minutes.
    SupervisorClient stalled = SupervisorClient.connect(vertx, port(), token, new WebSocketClientOptions().setReceiveBufferSize(2048));
    supervisors.add(stalled);
    stalled.expect("welcome");
    stalled.expect("snapshot");

    List<AgentClient> agents = new ArrayList<>();
    for (int a = 0; a < LOAD_AGENTS; a++) {
      AgentClient agent = agent("load-" + a);
      for (int c = 0; c < CALLS_PER_AGENT; c++) {
        agent.send(callStart("load-" + a + "-" + c));
        agent.awaitAck("load-" + a + "-" + c, 1);
      }
      agents.add(agent);
    }
    loadClock.scheduleWithFixedDelay(() -> loadRound(agents), 0, 100, TimeUnit.MILLISECONDS);
    AgentClient probe = agent("probe");
    probe.send(callStart("probe"));
    probe.awaitAck("probe", 1);
    stalled.await("call", m -> m.getString("callId").equals("probe"));

    long[] reading = probeLatencies(probe, 2);
    stalled.stall();
    long framesAtStall = loadFrames.get();
    // Until the socket's buffers are full (~2 s at this load with the 128 KiB send buffer) and flushes are skipped.
    Await.until(Duration.ofSeconds(15), "a skipped flush", () -> service.supervision().gateway().skippedFlushes() > 0);
    long heapBefore = usedHeapAfterGc();
    long[] stalledLatencies = probeLatencies(probe, 2 + PROBES);
    int maxPending = service.supervision().gateway().pendingPerConnection().stream().mapToInt(Integer::intValue).max().orElse(0);
    long skipped = service.supervision().gateway().skippedFlushes();
    long heapAfter = usedHeapAfterGc();
    int receivedWhileStalled = stalled.seen.size();
    stopLoad();
    long framesWhileStalled = loadFrames.get() - framesAtStall;

    System.out.printf("STALLED-SUPERVISOR calls=%d probes=%d reading p50=%.2fms p99=%.2fms max=%.2fms | stalled p50=%.2fms"
            + " p99=%.2fms max=%.2fms | pending<=%d skippedFlushes=%d heapDelta=%dKB%n",
        LOAD_AGENTS * CALLS_PER_AGENT + 1, PROBES, ms(reading, 50), ms(reading, 99), ms(reading, 100),
        ms(stalledLatencies, 50), ms(stalledLatencies, 99), ms(stalledLatencies, 100), maxPending, skipped,
        (heapAfter - heapBefore) / 1024);

    assertThat(skipped).as("the socket's write queue filled and flushes were skipped, not buffered").isPositive();
    assertThat(maxPending).as("pending work is bounded by the calls in scope plus the notice cap")
        .isLessThanOrEqualTo(LOAD_AGENTS * CALLS_PER_AGENT + 1 + SupervisorConnection.MAX_NOTICES);
    // Generous bound for a 2-core CI machine: the point is that agents are not held up by the stalled socket.
    assertThat(ms(stalledLatencies, 50)).isLessThan(Math.max(20, 4 * ms(reading, 50)));

    long lastProbeSeq = 2 + 2L * PROBES - 1;
    stalled.resume();
    JsonObject latest = stalled.await("call", m -> m.getString("callId").equals("probe") && m.getLong("seq") == lastProbeSeq);
    assertThat(latest.getLong("seq")).isEqualTo(lastProbeSeq);
    System.out.printf("STALLED-SUPERVISOR caught up with %d messages after resuming; %d scored frames were applied while"
        + " it was stalled%n", stalled.seen.size() - receivedWhileStalled, framesWhileStalled + PROBES);
  }

  /** Sends {@link #PROBES} final utterances on the probe call one at a time; each latency is send → ack. */
  private long[] probeLatencies(AgentClient probe, long firstSeq) {
    long[] nanos = new long[PROBES];
    for (int i = 0; i < PROBES; i++) {
      long seq = firstSeq + i;
      long sent = System.nanoTime();
      probe.send(utterance("probe", seq, i % 2 == 0 ? "customer" : "agent", "I see, could you tell me more about the charge?"));
      probe.awaitAck("probe", seq);
      nanos[i] = System.nanoTime() - sent;
    }
    return nanos;
  }

  /** Every load call gets a final utterance every ~100 ms: ~400 scored frames a second over 40 calls. */
  private void loadRound(List<AgentClient> agents) {
    if (!loading.get() || loadSeq >= 100_000) {
      return;
    }
    long seq = loadSeq++;
    for (int a = 0; a < agents.size(); a++) {
      for (int c = 0; c < CALLS_PER_AGENT; c++) {
        agents.get(a).send(utterance("load-" + a + "-" + c, seq, seq % 2 == 0 ? "customer" : "agent",
            "This is taking far too long and I am not happy about the way this has been handled at all"));
        loadFrames.incrementAndGet();
      }
    }
  }

  private static double ms(long[] nanos, int percentile) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  /** System.gc() is a full, stop-the-world collection here: the heap is settled when it returns. */
  private static long usedHeapAfterGc() {
    System.gc();
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
