package io.carepulse.store.pg;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.history.CallJournal;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.privacy.Redactor;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.testing.Await;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Not a unit test: how many frames per second the journal puts into PostgreSQL, and how long a frame waits from being
 * applied to being committed (what an ack waits). Run it on purpose:
 *
 * <pre>mvn -q test -Dtest=JournalThroughputBench -Dcarepulse.bench=true</pre>
 *
 * <p>Frames come from 1,000 calls, each run through the real core (four acoustic windows per utterance, as a browser
 * plugin sends them), and go through the durable journal exactly as in the service: redaction, JSON encoding and
 * batched unnest inserts of frames, score points and prompts, one transaction per batch. Two runs: a paced
 * contact-centre load (5,000 frames/s: 1,000 calls at 5 frames/s) for the latency, then as fast as the journal accepts
 * for the sustained rate.
 */
@EnabledIfSystemProperty(named = "carepulse.bench", matches = "true")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class JournalThroughputBench {

  private static final int CALLS = 1_000;

  @Test
  void sustainedFramesPerSecond_andFlushLatency() throws Exception {
    try (TestDatabase db = TestDatabase.create("bench").migrated()) {
      Vertx vertx = Vertx.vertx();
      Pool pool = db.pool(vertx, 4);
      try {
        run(vertx, pool, db, "warm-up (JIT, prepared statements; not a figure)", 5_000, Duration.ofSeconds(5));
        run(vertx, pool, db, "paced 5,000 frames/s", 5_000, Duration.ofSeconds(10));
        run(vertx, pool, db, "paced 20,000 frames/s", 20_000, Duration.ofSeconds(10));
        run(vertx, pool, db, "as fast as accepted", Integer.MAX_VALUE, Duration.ofSeconds(10));
      } finally {
        pool.close().await();
        vertx.close().await();
      }
    }
  }

  private static void run(Vertx vertx, Pool pool, TestDatabase db, String name, int perSecond, Duration length)
      throws Exception {
    db.truncate();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Timer latency = Timer.builder("persist").publishPercentiles(0.5, 0.99, 0.999).percentilePrecision(2).register(meters);
    CallJournal journal = CallJournal.durable(vertx, new PgStore(pool), Redactor.standard(), Duration.ofMillis(50),
        200_000, 1_000).persistLatency(latency).start();
    Calls calls = new Calls();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    long sent = 0;
    while (System.nanoTime() < end) {
      long due = perSecond == Integer.MAX_VALUE ? Long.MAX_VALUE
          : (System.nanoTime() - start) * perSecond / 1_000_000_000L;
      if (sent >= due || journal.health().full()) {
        Thread.sleep(1);
        continue;
      }
      calls.feed(journal);
      sent++;
    }
    long producedNanos = System.nanoTime() - start;
    Await.until(Duration.ofMinutes(5), "the journal has written every frame fed to it", () -> journal.pending() == 0);
    journal.stop().await(30, TimeUnit.SECONDS);
    long totalNanos = System.nanoTime() - start;
    long stored = db.count("SELECT count(*) FROM frames");
    long scores = db.count("SELECT count(*) FROM score_points");
    StringBuilder percentiles = new StringBuilder();
    for (ValueAtPercentile p : latency.takeSnapshot().percentileValues()) {
      percentiles.append(String.format(" p%s=%.1fms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
    }
    System.out.printf("%s: %d frames (%d score points) in %.1f s = %.0f frames/s committed (offered %.0f/s);"
            + " applied→committed%s max=%.1fms%n", name, stored, scores, totalNanos / 1e9,
        stored / (totalNanos / 1e9), sent / (producedNanos / 1e9), percentiles, latency.max(TimeUnit.MILLISECONDS));
  }

  /** Round-robin over 1,000 live calls; each frame runs through that call's core, as on the live path. */
  private static final class Calls {
    private final CallEngine[] engines = new CallEngine[CALLS];
    private final CallInfo[] infos = new CallInfo[CALLS];
    private final long[] seqs = new long[CALLS];
    private final String[] lines = {
        "I've been charged twice and nobody is helping me", "I'm so sorry about that, let me fix it right now",
        "thank you, that would be great", "I'll refund the second charge today and email you the confirmation"};
    private int turn;
    private int round;

    void feed(CallJournal journal) {
      int i = turn++ % CALLS;
      if (engines[i] == null || seqs[i] >= 2_000) {
        String callId = "bench-" + round + "-" + i;
        CallStart start = new CallStart(callId, 1, 0, new CallStart.Customer("cu-" + i, "Dana"), "team-a", null, Map.of());
        engines[i] = new CallEngine(callId, CoreConfig.defaults());
        infos[i] = new CallInfo(callId, "agent-" + i, "team-a", start);
        seqs[i] = 1;
        if (i == CALLS - 1) {
          round++;
        }
        journal.on(new CallEvent.Started(infos[i], Instant.now()));
        journal.on(new CallEvent.Applied(infos[i], start, engines[i].apply(start), Instant.now()));
        return;
      }
      long seq = ++seqs[i];
      long ms = seq * 250;
      CallFrame frame = seq % 5 == 0
          ? new Utterance(infos[i].callId(), seq, ms, (seq / 5) % 2 == 0 ? Speaker.CUSTOMER : Speaker.AGENT,
              lines[(int) (seq / 5) % lines.length], true, ms - 1000, ms, "u-" + seq)
          : new Acoustic(infos[i].callId(), seq, ms, Speaker.CUSTOMER, 250, -30.0, 180.0, 0.6, 150.0);
      journal.on(new CallEvent.Applied(infos[i], frame, engines[i].apply(frame), Instant.now()));
    }
  }
}
