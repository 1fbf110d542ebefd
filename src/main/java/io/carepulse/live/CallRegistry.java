package io.carepulse.live;

import io.carepulse.engine.CoreConfig;
import io.carepulse.ops.CareMetrics;
import io.carepulse.protocol.CallStart;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Every live call of this process by id, reachable from any event loop — a reconnecting agent may land on another
 * loop than the one owning its call — plus the bounded store of ended calls. The registry only maps ids to sessions;
 * a session's state is touched on its own event loop (see {@link CallSession}).
 */
public final class CallRegistry {

  private final Vertx vertx;
  private final CoreConfig coreConfig;
  private final CareMetrics metrics;
  private final Duration resumeWindow;
  private final ConcurrentMap<String, CallSession> live = new ConcurrentHashMap<>();
  private final EndedCalls ended;

  public CallRegistry(Vertx vertx, CoreConfig coreConfig, CareMetrics metrics, Duration resumeWindow, int endedCallsKept) {
    this.vertx = vertx;
    this.coreConfig = coreConfig;
    this.metrics = metrics;
    this.resumeWindow = resumeWindow;
    this.ended = new EndedCalls(endedCallsKept);
    metrics.activeCalls(live::size);
  }

  public Optional<CallSession> find(String callId) {
    return Optional.ofNullable(live.get(callId));
  }

  public EndedCalls endedCalls() {
    return ended;
  }

  public int activeCalls() {
    return live.size();
  }

  /**
   * Delivers a supervisor's whisper to the agent of a live call, from any thread; the future completes on the
   * caller's context (or the call's event loop when called from outside Vert.x).
   */
  public Future<WhisperOutcome> whisper(String callId, String from, String text) {
    CallSession session = live.get(callId);
    if (session == null) {
      return Future.succeededFuture(WhisperOutcome.NO_LIVE_CALL);
    }
    return session.onOwner(() -> session.whisper(from, text));
  }

  /** A new session owned by {@code owner}, or the one another connection registered first under that id. */
  Opened open(CallStart start, String agentId, Context owner) {
    CallSession fresh = new CallSession(start, agentId, owner, this);
    CallSession existing = live.putIfAbsent(start.callId(), fresh);
    return existing == null ? new Opened(fresh, true) : new Opened(existing, false);
  }

  record Opened(CallSession session, boolean created) {
  }

  /** Records an ended call; the store learns of it before the live map forgets it, so a lookup always finds one. */
  void ended(CallSession session, EndedCall call) {
    ended.add(call);
    live.remove(session.callId(), session);
  }

  Vertx vertx() {
    return vertx;
  }

  CoreConfig coreConfig() {
    return coreConfig;
  }

  CareMetrics metrics() {
    return metrics;
  }

  Duration resumeWindow() {
    return resumeWindow;
  }
}
