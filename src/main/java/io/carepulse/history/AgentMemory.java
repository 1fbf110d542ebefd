package io.carepulse.history;

import io.carepulse.live.AgentNorms;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallListener;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.AgentPace;
import io.carepulse.store.CallFacts;
import io.carepulse.store.CallState;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.ReportQuery;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agent baselines at hand (docs/score-model.md "Agent baselines"): the pace of each agent's recent ended calls —
 * speaking rate and talk share, never words or emotion — so a call start can recall them without waiting on the
 * store. Filled from the store at start-up (the summaries keep each call's pace), then by every call that ends. Times
 * are the calls' starts by their frames' clock, as for care memory, so a recovered call is given the same baseline.
 * Thread-safe: read on every event loop.
 */
public final class AgentMemory implements AgentNorms, CallListener {

  /** An agent's baseline is their latest calls: recent enough to follow a change of habit, enough to be steady. */
  static final int CALLS_PER_AGENT = 20;

  private final Duration window;
  private final Clock clock;
  private final Map<String, List<Remembered>> byAgent = new ConcurrentHashMap<>();

  private record Remembered(String callId, long startedAtMs, AgentPace pace) {
  }

  public AgentMemory(Duration window, Clock clock) {
    this.window = window;
    this.clock = clock;
  }

  /** Loads the window's ended calls from the store; call before the service takes calls. */
  public Future<AgentMemory> load(CarePulseStore store) {
    return store.callFacts(new ReportQuery(clock.instant().minus(window), null, null, null)).map(facts -> {
      for (CallFacts fact : facts) {
        var call = fact.call();
        if (call.state() == CallState.ENDED && call.summary() != null) {
          remember(call.agentId(), new Remembered(call.callId(), call.startedAt().toEpochMilli(),
              call.summary().pace()));
        }
      }
      return this;
    });
  }

  @Override
  public AgentBaseline recall(String agentId, Instant startedAt) {
    List<Remembered> calls = agentId == null ? null : byAgent.get(agentId);
    if (calls == null) {
      return AgentBaseline.NONE;
    }
    long from = startedAt.minus(window).toEpochMilli();
    synchronized (calls) {
      return new AgentBaseline(calls.stream()
          .filter(c -> c.startedAtMs() < startedAt.toEpochMilli() && c.startedAtMs() >= from)
          .map(Remembered::pace).toList());
    }
  }

  /** A call that ended joins its agent's baseline. */
  @Override
  public void on(CallEvent event) {
    if (event instanceof CallEvent.Ended ended) {
      var call = ended.ended();
      remember(call.agentId(), new Remembered(call.callId(), ended.call().start().ts(), call.summary().pace()));
    }
  }

  private void remember(String agentId, Remembered call) {
    if (agentId == null || call.pace().isEmpty()) {
      return;
    }
    List<Remembered> calls = byAgent.computeIfAbsent(agentId, id -> new ArrayList<>());
    synchronized (calls) {
      calls.removeIf(c -> c.callId().equals(call.callId()));
      calls.add(call);
      calls.sort(Comparator.comparingLong(Remembered::startedAtMs));
      while (calls.size() > CALLS_PER_AGENT) {
        calls.remove(0);
      }
    }
  }
}
