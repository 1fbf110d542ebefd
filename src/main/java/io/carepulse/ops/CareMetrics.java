package io.carepulse.ops;

import io.carepulse.protocol.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The product's own meters, scraped at /metrics beside Vert.x's: active calls, frames in by type, errors by code,
 * prompts by kind, and the frame-to-score time (from the moment the gateway has the frame's text until its score
 * was written to the socket). Meters are looked up once per tag value and cached, so the hot path only increments.
 */
public final class CareMetrics {

  private final MeterRegistry registry;
  private final Map<String, Counter> framesIn = new ConcurrentHashMap<>();
  private final Map<String, Counter> errors = new ConcurrentHashMap<>();
  private final Map<String, Counter> prompts = new ConcurrentHashMap<>();
  private final Timer frameToScore;
  private volatile Supplier<Number> historyEvictions;

  public CareMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Buckets around the budget that matters: a score must be back before the next sentence (well under 100 ms).
    frameToScore = Timer.builder("carepulse.frame.to.score")
        .description("time from receiving a frame to sending its score")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofNanos(50_000))
        .maximumExpectedValue(Duration.ofSeconds(1))
        .register(registry);
  }

  /** Binds the active-calls gauge to whatever counts the calls open now. */
  public void activeCalls(Supplier<Number> count) {
    Gauge.builder("carepulse.calls.active", count).description("calls open now").register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void frameIn(String type) {
    framesIn.computeIfAbsent(type, t -> Counter.builder("carepulse.frames.in").tag("type", t)
        .description("valid frames received, by type").register(registry)).increment();
  }

  public void error(ErrorCode code) {
    errors.computeIfAbsent(code.wire(), c -> Counter.builder("carepulse.errors").tag("code", c)
        .description("error frames sent, by code").register(registry)).increment();
  }

  public void prompt(String kind) {
    prompts.computeIfAbsent(kind, k -> Counter.builder("carepulse.prompts").tag("kind", k)
        .description("coaching prompts sent, by kind").register(registry)).increment();
  }

  /** Binds the history journal's gauges: frames waiting for the store, and whether the store takes writes (1/0). */
  public void journal(Supplier<Number> pendingFrames, Supplier<Number> storeUp) {
    Gauge.builder("carepulse.journal.pending.frames", pendingFrames)
        .description("frames applied and not yet in the history store").register(registry);
    Gauge.builder("carepulse.history.store.up", storeUp)
        .description("1 while the history store takes writes, 0 during an outage").register(registry);
  }

  /**
   * The in-memory store's history: its estimated size against its bound, and the calls it forgot to stay within it
   * (docs/reliability.md, "Ended-call history in memory").
   */
  public void inMemoryHistory(Supplier<Number> bytes, Supplier<Number> evictions, long maxBytes) {
    Gauge.builder("carepulse.history.memory.bytes", bytes).baseUnit("bytes")
        .description("estimated heap the in-memory store's call history holds").register(registry);
    Gauge.builder("carepulse.history.memory.max.bytes", () -> maxBytes).baseUnit("bytes")
        .description("the in-memory store's bound on that estimate (CAREPULSE_HISTORY_MEMORY_MB)").register(registry);
    // A function counter holds its object weakly: this field keeps the supplier alive as long as the meters.
    historyEvictions = evictions;
    FunctionCounter.builder("carepulse.history.memory.evicted.calls", evictions, e -> e.get().doubleValue())
        .description("calls the in-memory store forgot, oldest ended first, to stay within its bounds")
        .register(registry);
  }

  /** History entries the store refused and the journal quarantined (docs/persistence.md, "Quarantine"). */
  public Counter quarantined() {
    return Counter.builder("carepulse.journal.quarantined")
        .description("history entries the store refused for their data, kept in quarantine").register(registry);
  }

  /** How long frames have waited with no batch committed: acks are stuck when it grows. */
  public void acksWaiting(Supplier<Number> seconds) {
    Gauge.builder("carepulse.journal.acks.waiting.seconds", seconds)
        .description("seconds frames have waited for the history store with nothing committed").register(registry);
  }

  /** Time from a frame being applied to its batch being committed to the history store: how long its ack waits. */
  public Timer persistLatency() {
    return Timer.builder("carepulse.journal.persist")
        .description("time from applying a frame to committing it to the history store")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
  }

  public void frameToScore(long nanos) {
    frameToScore.record(nanos, TimeUnit.NANOSECONDS);
  }
}
