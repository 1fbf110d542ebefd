package io.carepulse.tools.bench;

import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Runs a {@link LoadPlan}: connects the calls over one fleet per event loop, paces the steps, and reports each step
 * as one JSON line ({@code RESULT {...}}), with {@code WINDOW-START n} / {@code WINDOW-END n} lines at the moments a
 * window opens and closes so that a supervising process can sample the server over exactly that window. This thread
 * only sleeps and collects; all socket work happens on the fleets' event loops.
 */
public final class LoadGenerator {

  private final LoadPlan plan;
  private final Consumer<String> out;
  private final AtomicLong problems = new AtomicLong();
  private final List<CallFleet> fleets = new ArrayList<>();
  private final GcPauses gc = new GcPauses();
  // Kept in fields: a client nothing references can be collected mid-handshake (docs/stack-notes.md P2).
  private Vertx vertx;
  private WebSocketClient client;
  private WebSocketClient supervisorClient;
  private WatchingSupervisors supervisors;
  private int supervisorsAttached;

  LoadGenerator(LoadPlan plan, Consumer<String> out) {
    this.plan = plan;
    this.out = out;
  }

  /** The step results (or, for an idle run, one result), as printed. */
  List<JsonObject> run() throws InterruptedException {
    // The supervisors get an event loop of their own, so reading their rows never delays a fleet's pacing.
    int loops = plan.fleets() + (plan.supervisors() > 0 ? 1 : 0);
    vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).build();
    try {
      return runOn();
    } finally {
      vertx.close().await();
    }
  }

  private List<JsonObject> runOn() throws InterruptedException {
    // The default pool allows 50 connections per endpoint; every call here needs its own.
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(plan.calls() + 16)
        .setTryUsePerMessageCompression(false)
        .setTryUsePerFrameCompression(false)
        .setConnectTimeout(30_000));
    WebSocketConnectOptions connect = new WebSocketConnectOptions()
        .setHost(plan.host()).setPort(plan.port()).setURI(plan.path());
    for (int i = 0; i < plan.fleets(); i++) {
      fleets.add(new CallFleet(client, connect, problems));
    }
    FrameMix mix = FrameMix.bundled();
    JwtAuth jwt = plan.jwtSecret() == null ? null : JwtAuth.create(vertx, plan.jwtSecret());
    for (int i = 0; i < plan.calls(); i++) {
      String callId = plan.runId() + "-" + i;
      // One agent per call, each with its own token, as in a contact centre.
      String team = plan.teamOfCall(i);
      String token = jwt == null ? "no-secret" : jwt.mint("bench-agent-" + i, Role.AGENT, List.of(team), Duration.ofHours(2));
      fleets.get(i % fleets.size()).add(new BenchCall(fleets.get(i % fleets.size()), callId, token,
          mix.script(i, callId, team)));
    }
    for (CallFleet fleet : fleets) {
      vertx.deployVerticle(fleet).await();
    }

    long connectStart = System.nanoTime();
    int welcomed = 0;
    for (Future<Integer> connected : onEach(CallFleet::connectAll)) {
      welcomed += connected.await();
    }
    out.accept(String.format(Locale.ROOT, "CONNECTED %d of %d calls in %.1f s", welcomed, plan.calls(),
        (System.nanoTime() - connectStart) / 1e9));
    if (plan.supervisors() > 0) {
      attachSupervisors(jwt);
    }

    List<JsonObject> results = plan.idleFrames() > 0 ? List.of(idle(welcomed)) : steps();
    for (Future<Void> ended : onEach(fleet -> fleet.endAll(3_000))) {
      ended.await();
    }
    if (supervisors != null) {
      supervisors.detachAll().await();
    }
    return results;
  }

  /** Supervisors attach once the calls are connected and before any step, so every window runs with them. */
  private void attachSupervisors(JwtAuth jwt) {
    supervisorClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(plan.supervisors() + 16)
        .setTryUsePerMessageCompression(false)
        .setTryUsePerFrameCompression(false)
        .setConnectTimeout(30_000)
        // A snapshot of a large team is one message; the server may send it in one frame.
        .setMaxFrameSize(16 * 1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024));
    List<String> tokens = new ArrayList<>();
    for (int s = 0; s < plan.supervisors(); s++) {
      tokens.add(jwt == null ? "no-secret" : jwt.mint("bench-supervisor-" + s, Role.SUPERVISOR,
          List.of(plan.teamOfSupervisor(s)), Duration.ofHours(2)));
    }
    supervisors = new WatchingSupervisors(supervisorClient, new WebSocketConnectOptions()
        .setHost(plan.host()).setPort(plan.port()).setURI("/v1/supervisor"), tokens);
    vertx.deployVerticle(supervisors).await();
    long start = System.nanoTime();
    supervisorsAttached = supervisors.attachAll().await();
    out.accept(String.format(Locale.ROOT, "SUPERVISORS %d of %d attached in %.1f s, %d teams", supervisorsAttached,
        plan.supervisors(), (System.nanoTime() - start) / 1e9, plan.teams()));
  }

  private List<JsonObject> steps() throws InterruptedException {
    List<JsonObject> results = new ArrayList<>();
    LoadStep current = step(0, System.nanoTime() + 100_000_000L);
    begin(current);
    while (true) {
      sleepUntil(current.windowStart());
      long cpuStart = processCpuNanos();
      long uptimeStart = GcPauses.uptimeMillis();
      WatchingSupervisors.Counts supervisorsStart = supervisors == null ? null : supervisors.counts();
      out.accept("WINDOW-START " + current.id());
      sleepUntil(current.windowEnd());
      long cpuEnd = processCpuNanos();
      long uptimeEnd = GcPauses.uptimeMillis();
      WatchingSupervisors.Counts supervisorsEnd = supervisors == null ? null : supervisors.counts();
      out.accept("WINDOW-END " + current.id());
      LoadStep next = current.id() + 1 < plan.ratesPerCall().size() ? step(current.id() + 1, current.windowEnd()) : null;
      if (next != null) {
        begin(next);
      }
      sleepUntil(current.windowEnd() + plan.drain().toNanos());
      StepTally tally = new StepTally();
      final int id = current.id();
      for (Future<StepTally> part : onEach(fleet -> Future.succeededFuture(fleet.close(id)))) {
        tally.add(part.await());
      }
      JsonObject result = result(current, tally, cpuEnd - cpuStart, gc.between(uptimeStart, uptimeEnd));
      if (supervisorsEnd != null) {
        result.put("supervisors", supervisorsEnd.since(supervisorsStart, supervisorsAttached)
            .put("watching", plan.supervisors()).put("teams", plan.teams()));
      }
      results.add(result);
      out.accept(summary(result));
      out.accept("RESULT " + result.encode());
      if (next == null || failed(result)) {
        return results;
      }
      current = next;
    }
  }

  private JsonObject idle(int welcomed) throws InterruptedException {
    for (Future<Void> primed : onEach(fleet -> fleet.prime(plan.idleFrames(), 60_000))) {
      primed.await();
    }
    int live = 0;
    for (Future<Integer> count : onEach(fleet -> Future.succeededFuture(fleet.liveCalls()))) {
      live += count.await();
    }
    JsonObject result = new JsonObject().put("kind", "idle").put("calls", plan.calls()).put("welcomed", welcomed)
        .put("live", live).put("framesPerCall", plan.idleFrames()).put("problems", problems.get());
    out.accept("IDLE-READY " + result.encode());
    // Hold until the supervising process has measured the server (a line or end of input), or the hold runs out.
    CountDownLatch released = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        in.readLine();
      } catch (Exception ignored) {
        // end of input is as good as a line
      }
      released.countDown();
    }, "bench-hold");
    reader.setDaemon(true);
    reader.start();
    released.await(plan.hold().toMillis(), TimeUnit.MILLISECONDS);
    return result;
  }

  private LoadStep step(int id, long start) {
    long windowStart = start + plan.warmup().toNanos();
    return new LoadStep(id, plan.ratePerCall(id), start, windowStart, windowStart + plan.window().toNanos());
  }

  private void begin(LoadStep step) throws InterruptedException {
    for (Future<Void> begun : onEach(fleet -> {
      fleet.begin(step);
      return Future.<Void>succeededFuture();
    })) {
      begun.await();
    }
  }

  private boolean failed(JsonObject result) {
    if (plan.stopAboveP99Millis() <= 0) {
      return false;
    }
    return result.getJsonObject("ack").getDouble("p99") >= plan.stopAboveP99Millis() || result.getLong("errors") > 0
        || result.getLong("unanswered") > 0;
  }

  private JsonObject result(LoadStep step, StepTally tally, long cpuNanos, long[] gcPauses) {
    double seconds = (step.windowEnd() - step.windowStart()) / 1e9;
    double targetRate = step.ratePerCall() * plan.calls();
    return new JsonObject()
        .put("kind", "step")
        .put("step", step.id())
        .put("calls", plan.calls())
        .put("ratePerCall", step.ratePerCall())
        .put("targetPerSec", round(targetRate))
        .put("sentPerSec", round(tally.sent / seconds))
        .put("receivedPerSec", round(tally.received / seconds))
        .put("ack", percentiles(tally.ack))
        .put("score", percentiles(tally.score))
        .put("sendLag", percentiles(tally.sendLag))
        .put("errors", tally.errors + tally.unexpectedCloses)
        .put("errorSamples", new JsonArray(new ArrayList<>(tally.errorSamples)))
        .put("notSent", tally.notSent)
        .put("unanswered", tally.unanswered)
        .put("scoreMissing", tally.scoreMissing)
        .put("extraScores", tally.extraScores)
        .put("prompts", tally.prompts)
        .put("clientCpuCores", round(cpuNanos / 1e9 / seconds))
        .put("clientGc", new JsonObject().put("pauses", gcPauses[0]).put("totalMs", gcPauses[1]).put("maxMs", gcPauses[2]));
  }

  /** Milliseconds, three decimals. */
  private static JsonObject percentiles(Histogram h) {
    return new JsonObject()
        .put("count", h.getTotalCount())
        .put("p50", millis(h.getValueAtPercentile(50)))
        .put("p90", millis(h.getValueAtPercentile(90)))
        .put("p99", millis(h.getValueAtPercentile(99)))
        .put("p999", millis(h.getValueAtPercentile(99.9)))
        .put("max", millis(h.getMaxValue()));
  }

  static String summary(JsonObject r) {
    JsonObject ack = r.getJsonObject("ack");
    JsonObject score = r.getJsonObject("score");
    JsonObject watching = r.getJsonObject("supervisors");
    String supervisors = watching == null ? "" : String.format(Locale.ROOT,
        " | %d supervisors: %.0f messages/s (%.0f rows/s), %.2f MB/s, %d closed by the server",
        watching.getInteger("attached"), watching.getDouble("messagesPerSec"), watching.getDouble("rowsPerSec"),
        watching.getDouble("bytesPerSec") / 1e6, watching.getLong("closedByServer"));
    return callsSummary(r, ack, score) + supervisors;
  }

  private static String callsSummary(JsonObject r, JsonObject ack, JsonObject score) {
    return String.format(Locale.ROOT,
        "step %d: %d calls x %.2f/s: sent %.0f/s, received %.0f/s | frame->ack p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f "
            + "max %.1f ms | frame->score p50 %.2f p99 %.2f ms (%d) | errors %d, unanswered %d | client %.2f cores, "
            + "GC %d pauses, max %d ms",
        r.getInteger("step"), r.getInteger("calls"), r.getDouble("ratePerCall"), r.getDouble("sentPerSec"),
        r.getDouble("receivedPerSec"), ack.getDouble("p50"), ack.getDouble("p90"), ack.getDouble("p99"),
        ack.getDouble("p999"), ack.getDouble("max"), score.getDouble("p50"), score.getDouble("p99"),
        score.getLong("count"), r.getLong("errors"), r.getLong("unanswered"), r.getDouble("clientCpuCores"),
        r.getJsonObject("clientGc").getLong("pauses"), r.getJsonObject("clientGc").getLong("maxMs"));
  }

  private static double millis(long micros) {
    return Math.round(micros) / 1000.0;
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Runs {@code work} on every fleet's event loop; the futures complete there. */
  private <T> List<Future<T>> onEach(java.util.function.Function<CallFleet, Future<T>> work) {
    List<Future<T>> futures = new ArrayList<>();
    for (CallFleet fleet : fleets) {
      Promise<T> promise = Promise.promise();
      fleet.runOnLoop(() -> work.apply(fleet).onComplete(promise));
      futures.add(promise.future());
    }
    return futures;
  }
}
