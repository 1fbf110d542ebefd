package io.carepulse.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The calls one event loop of the generator drives. Open loop: the k-th frame of the fleet is due at exactly
 * {@code epoch + k / rate}, whatever the server does, and goes to the calls in turn, so every call sends at the same
 * rate with its phase spread evenly. Latency is measured from that due time; a frame sent late (the generator was
 * busy, or in a GC pause) is late in the figures too.
 */
final class CallFleet extends VerticleBase {

  /** Handshakes in flight per fleet: enough to connect thousands of calls in seconds without flooding the accept queue. */
  private static final int CONNECTS_IN_FLIGHT = 64;
  /** After a stall, due frames go out in batches of this many, so answers are read between batches. */
  private static final int MAX_BATCH = 512;
  /**
   * One timer per event loop, firing at most this often: each tick writes every frame that has fallen due, so at high
   * rates the generator wakes a few thousand times a second rather than once per frame. Latency still runs from each
   * frame's own due time, so the wait until the tick counts against the server and echo alike.
   */
  private static final long MIN_TICK_NANOS = 200_000;

  private final WebSocketClient client;
  private final WebSocketConnectOptions connectOptions;
  private final List<BenchCall> calls = new ArrayList<>();
  private final Map<Integer, StepTally> open = new HashMap<>();
  private final List<String> connectionProblems = new ArrayList<>();

  private LoadStep step;
  private long epoch;
  private long sentInEpoch;
  private double intervalNanos;
  private int cursor;
  private boolean tickPending;
  private long wallBaseMillis;
  private long wallBaseNanos;

  private final java.util.concurrent.atomic.AtomicLong problems;

  CallFleet(WebSocketClient client, WebSocketConnectOptions connectOptions, java.util.concurrent.atomic.AtomicLong problems) {
    this.client = client;
    this.connectOptions = connectOptions;
    this.problems = problems;
  }

  /** Runs {@code work} on this fleet's event loop, where all of its state lives. */
  void runOnLoop(Runnable work) {
    context.runOnContext(v -> work.run());
  }

  void add(BenchCall call) {
    calls.add(call);
  }

  int size() {
    return calls.size();
  }

  @Override
  public Future<?> start() {
    wallBaseMillis = System.currentTimeMillis();
    wallBaseNanos = System.nanoTime();
    return Future.succeededFuture();
  }

  /** Connects every call, a bounded number at a time; completes with how many were welcomed. */
  Future<Integer> connectAll() {
    Promise<Integer> done = Promise.promise();
    int[] next = {0};
    int[] finished = {0};
    int[] welcomed = {0};
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      int index = next[0]++;
      calls.get(index).connect(client, connectOptions).onComplete(ok -> {
        if (ok.succeeded() && ok.result()) {
          welcomed[0]++;
        }
        if (++finished[0] == calls.size()) {
          done.complete(welcomed[0]);
        } else if (next[0] < calls.size()) {
          launch[0].run();
        }
      });
    };
    if (calls.isEmpty()) {
      return Future.succeededFuture(0);
    }
    for (int i = 0; i < Math.min(CONNECTS_IN_FLIGHT, calls.size()); i++) {
      launch[0].run();
    }
    return done.future();
  }

  /** Starts pacing at this step's rate; frames due inside its window count for it. */
  void begin(LoadStep next) {
    step = next;
    open.put(next.id(), new StepTally());
    epoch = next.startNanos();
    sentInEpoch = 0;
    intervalNanos = 1e9 / (next.ratePerCall() * calls.size());
    scheduleTick(Math.max(0, epoch - System.nanoTime()));
  }

  /** Sends {@code frames} frames on every call right away (outside any window) and waits until all are acked. */
  Future<Void> prime(int frames, long timeoutMillis) {
    long now = System.nanoTime();
    for (BenchCall call : calls) {
      for (int i = 0; i < frames; i++) {
        call.send(now, -1, wallMillis(now));
      }
    }
    Promise<Void> done = Promise.promise();
    long deadline = now + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    vertx.setPeriodic(50, id -> {
      boolean all = calls.stream().noneMatch(call -> call.live() && call.unacknowledged() > 0);
      if (all || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        done.complete();
      }
    });
    return done.future();
  }

  /** Closes a step's window: what is still unanswered is recorded with its age now, and the tally handed over. */
  StepTally close(int stepId) {
    StepTally tally = open.remove(stepId);
    if (tally == null) {
      tally = new StepTally();
    }
    long now = System.nanoTime();
    for (BenchCall call : calls) {
      call.sweep(stepId, now, tally);
    }
    synchronized (connectionProblems) {
      for (String problem : connectionProblems) {
        tally.error(problem);
      }
      connectionProblems.clear();
    }
    return tally;
  }

  /** Stops pacing and ends every call with call.end; completes when all are settled or the deadline passed. */
  Future<Void> endAll(long graceMillis) {
    step = null;
    long wall = System.currentTimeMillis();
    List<Future<Void>> ended = new ArrayList<>();
    for (BenchCall call : calls) {
      ended.add(call.end(wall, 0));
    }
    Promise<Void> done = Promise.promise();
    long timer = vertx.setTimer(graceMillis, id -> {
      calls.forEach(BenchCall::closeQuietly);
      done.tryComplete();
    });
    Future.join(ended).onComplete(v -> {
      vertx.cancelTimer(timer);
      done.tryComplete();
    });
    return done.future();
  }

  int liveCalls() {
    int live = 0;
    for (BenchCall call : calls) {
      if (call.live()) {
        live++;
      }
    }
    return live;
  }

  // ---- pacing

  private void scheduleTick(long delayNanos) {
    if (tickPending) {
      return;
    }
    tickPending = true;
    ContextInternal ctx = (ContextInternal) context;
    // Netty's scheduler takes nanoseconds (Vert.x timers only whole milliseconds, too coarse at 12k frames/s).
    ctx.nettyEventLoop().schedule(() -> ctx.emit(v -> tick()), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void tick() {
    tickPending = false;
    LoadStep current = step;
    if (current == null || calls.isEmpty()) {
      return;
    }
    for (int batch = 0; batch < MAX_BATCH; batch++) {
      long due = epoch + (long) (sentInEpoch * intervalNanos);
      long now = System.nanoTime();
      if (due > now) {
        scheduleTick(Math.max(due - now, batch == 0 ? 0 : MIN_TICK_NANOS));
        return;
      }
      calls.get(cursor).send(due, current.windowContains(due) ? current.id() : -1, wallMillis(due));
      cursor = cursor + 1 == calls.size() ? 0 : cursor + 1;
      sentInEpoch++;
    }
    scheduleTick(0);
  }

  private long wallMillis(long nanos) {
    return wallBaseMillis + (nanos - wallBaseNanos) / 1_000_000;
  }

  // ---- tallies, called by the calls

  private StepTally tally(int stepId) {
    return stepId < 0 ? null : open.get(stepId);
  }

  void sent(int stepId, long scheduledNanos) {
    StepTally tally = tally(stepId);
    if (tally != null) {
      tally.sent++;
      StepTally.record(tally.sendLag, System.nanoTime() - scheduledNanos);
    }
  }

  void notSent(int stepId) {
    StepTally tally = tally(stepId);
    if (tally != null) {
      tally.notSent++;
    }
  }

  void received(long now) {
    LoadStep current = step;
    if (current != null && now >= current.windowStart() && now < current.windowEnd()) {
      StepTally tally = open.get(current.id());
      if (tally != null) {
        tally.received++;
      }
    }
  }

  void acked(int stepId, long nanos, boolean scoreMissing) {
    StepTally tally = tally(stepId);
    if (tally != null) {
      StepTally.record(tally.ack, nanos);
      if (scoreMissing) {
        tally.scoreMissing++;
      }
    }
  }

  void scored(int stepId, long nanos) {
    StepTally tally = tally(stepId);
    if (tally != null) {
      StepTally.record(tally.score, nanos);
    }
  }

  void extraScore(int stepId) {
    StepTally tally = tally(stepId);
    if (tally != null) {
      tally.extraScores++;
    }
  }

  void prompt() {
    LoadStep current = step;
    if (current != null) {
      StepTally tally = open.get(current.id());
      if (tally != null) {
        tally.prompts++;
      }
    }
  }

  void error(int stepId, String sample) {
    StepTally tally = stepId >= 0 ? open.get(stepId) : step == null ? null : open.get(step.id());
    if (tally != null) {
      tally.error(sample);
    } else {
      connectionProblem(sample);
    }
  }

  void unexpectedClose(String callId) {
    if (step != null) {
      StepTally tally = open.get(step.id());
      if (tally != null) {
        tally.unexpectedCloses++;
      }
    }
    connectionProblem(callId + ": closed by the server");
  }

  void connectionProblem(String problem) {
    synchronized (connectionProblems) {
      if (connectionProblems.size() < 5) {
        connectionProblems.add(problem);
      }
    }
    problems.incrementAndGet();
  }
}
