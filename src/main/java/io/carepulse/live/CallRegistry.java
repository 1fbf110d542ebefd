package io.carepulse.live;

import io.carepulse.ops.CareMetrics;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.WhisperOutcome;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live call of this process by id, reachable from any event loop — a reconnecting agent may land on another
 * loop than the one owning its call — plus the bounded store of ended calls. The registry only maps ids to sessions;
 * a session's state is touched on its own event loop (see {@link CallSession}).
 */
public final class CallRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);

  private final Vertx vertx;
  private final TeamSettings teamSettings;
  private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
  private final AckGate ackGate;
  private final CallRecovery recovery;
  private final CallerMemory memory;
  private final AgentNorms agentNorms;
  /** Recoveries under way, so two connections asking for one call rebuild it once. */
  private final ConcurrentMap<String, Future<Void>> recovering = new ConcurrentHashMap<>();
  private final CareMetrics metrics;
  private final Duration resumeWindow;
  private final ConcurrentMap<String, CallSession> live = new ConcurrentHashMap<>();
  /** Live calls per agent, for the per-agent cap; an agent with none has no entry. */
  private final ConcurrentMap<String, Integer> liveByAgent = new ConcurrentHashMap<>();
  private final int maxCallsPerAgent;
  private final Duration tsTolerance;
  private final EndedCalls ended;
  private final CallOwnership ownership;
  private volatile CallRelay relay;
  private volatile boolean handingOver;

  /**
   * {@code history} records every call first, says when applied frames may be acknowledged (a durable store holds
   * acks until persisted) and where calls this process does not hold come from after a restart.
   */
  public CallRegistry(Vertx vertx, LiveSettings settings, TeamSettings teamSettings, CareMetrics metrics,
                      CallHistory history) {
    this(vertx, settings, teamSettings, metrics, history, CallOwnership.SOLE);
  }

  /** In a cluster, {@code ownership} says which node owns each call; frames of another node's calls go there. */
  public CallRegistry(Vertx vertx, LiveSettings settings, TeamSettings teamSettings, CareMetrics metrics,
                      CallHistory history, CallOwnership ownership) {
    this.vertx = vertx;
    this.ownership = ownership;
    this.teamSettings = teamSettings;
    this.metrics = metrics;
    this.resumeWindow = settings.resumeWindow();
    this.maxCallsPerAgent = settings.maxCallsPerAgent();
    this.tsTolerance = settings.tsTolerance();
    this.ended = new EndedCalls(settings.endedCallsKept());
    this.ackGate = history.acks();
    this.recovery = history.recovery();
    this.memory = history.memory();
    this.agentNorms = history.agents();
    listeners.add(history.recorder());
    metrics.activeCalls(live::size);
  }

  /** Adds a listener for every call's events: a background verticle subscribes as it starts, before calls come. */
  public void addListener(CallListener listener) {
    listeners.add(listener);
  }

  public void removeListener(CallListener listener) {
    listeners.remove(listener);
  }

  boolean recovers() {
    return recovery != CallRecovery.NONE;
  }

  /**
   * Looks {@code callId} up in history when this process does not know it: a live call is rebuilt on {@code owner} by
   * replaying its frames (nothing is sent or journalled again) and waits for its agent for the resume window; an ended
   * call joins the ended calls. Afterwards {@link #find} and {@link #endedCalls} answer for it. Fails when history
   * cannot be read.
   */
  Future<Void> recover(String callId, Context owner) {
    if (live.containsKey(callId) || ended.find(callId).isPresent()) {
      return Future.succeededFuture();
    }
    Promise<Void> mine = Promise.promise();
    Future<Void> running = recovering.putIfAbsent(callId, mine.future());
    if (running != null) {
      return running;
    }
    recovery.recover(callId)
        .compose(found -> found.isEmpty() ? Future.<Void>succeededFuture() : rebuild(found.get(), owner))
        .onComplete(done -> {
          recovering.remove(callId, mine.future());
          mine.handle(done);
        });
    return mine.future();
  }

  private Future<Void> rebuild(CallRecovery.RecoveredCall found, Context owner) {
    if (found instanceof CallRecovery.Ended gone) {
      ended.add(gone.call());
      return Future.succeededFuture();
    }
    CallRecovery.Live call = (CallRecovery.Live) found;
    Promise<Void> rebuilt = Promise.promise();
    owner.runOnContext(v -> {
      CallSession session = new CallSession(call.start(), call.agentId(), owner, this, call.context());
      long lastSeq = session.replay(call.frames());
      if (!session.over() && live.putIfAbsent(call.start().callId(), session) == null) {
        // A recovered call counts for its agent even above the cap: it was admitted before the restart.
        liveByAgent.merge(call.agentId(), 1, Integer::sum);
        session.awaitAgent();
        LOG.atInfo().addKeyValue("callId", session.callId()).addKeyValue("lastSeq", lastSeq)
            .log("call recovered from history");
      }
      rebuilt.complete();
    });
    return rebuilt.future();
  }

  public CallOwnership ownership() {
    return ownership;
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
      return relay != null ? relay.whisper(callId, from, text) : Future.succeededFuture(WhisperOutcome.NO_LIVE_CALL);
    }
    return session.onOwner(() -> session.whisper(from, text));
  }

  /**
   * A new session owned by {@code owner}, or the one another connection registered first under that id; or
   * {@link Opened#LIMITED} (no session) when {@code agentId} already has {@code maxCallsPerAgent} live calls.
   */
  Opened open(CallStart start, String agentId, Context owner) {
    CallSession existing = live.get(start.callId());
    if (existing != null) {
      return new Opened(existing, false);
    }
    boolean[] admitted = new boolean[1];
    liveByAgent.compute(agentId, (agent, count) -> {
      int now = count == null ? 0 : count;
      admitted[0] = now < maxCallsPerAgent;
      return admitted[0] ? now + 1 : count;
    });
    if (!admitted[0]) {
      return Opened.LIMITED;
    }
    CallSession fresh = new CallSession(start, agentId, owner, this);
    existing = live.putIfAbsent(start.callId(), fresh);
    if (existing != null) {
      forget(agentId);
      return new Opened(existing, false);
    }
    return new Opened(fresh, true);
  }

  /** The session of an opened call, or none when the agent was at its cap ({@link #LIMITED}). */
  record Opened(CallSession session, boolean created) {
    static final Opened LIMITED = new Opened(null, false);

    boolean limited() {
      return session == null;
    }
  }

  int maxCallsPerAgent() {
    return maxCallsPerAgent;
  }

  Duration tsTolerance() {
    return tsTolerance;
  }

  private void forget(String agentId) {
    liveByAgent.computeIfPresent(agentId, (agent, count) -> count <= 1 ? null : count - 1);
  }

  /** Records an ended call; the store learns of it before the live map forgets it, so a lookup always finds one. */
  void ended(CallSession session, EndedCall call) {
    ended.add(call);
    if (live.remove(session.callId(), session)) {
      forget(session.agentId());
    }
    ownership.release(session.callId());
  }

  /**
   * Graceful shutdown in a cluster: every live call stops here without ending ({@link CallSession#handOver}) and leaves
   * this registry, so that, once the journal has written what they applied and their leases are given up, another
   * node rebuilds them from history at the agents' resume, without waiting for a lease to lapse. No call starts or is
   * rebuilt here from now on. Completes with the ids of the calls handed over.
   */
  Future<List<String>> handOver() {
    handingOver = true;
    List<Future<String>> each = new java.util.ArrayList<>();
    for (CallSession session : live.values()) {
      each.add(session.onOwner(() -> {
        if (!session.handOver()) {
          return null;
        }
        if (live.remove(session.callId(), session)) {
          forget(session.agentId());
        }
        return session.callId();
      }));
    }
    return Future.join(each).map(done -> each.stream().filter(Future::succeeded).map(Future::result)
        .filter(java.util.Objects::nonNull).toList());
  }

  /** Set once this node hands its calls over (shutting down, clustered): it takes no call from then on. */
  boolean handingOver() {
    return handingOver;
  }

  /** In a cluster: where whispers for calls owned by other nodes go. */
  void relayThrough(CallRelay relay) {
    this.relay = relay;
  }

  Vertx vertx() {
    return vertx;
  }

  CallerMemory memory() {
    return memory;
  }

  AgentNorms agentNorms() {
    return agentNorms;
  }

  TeamSettings teamSettings() {
    return teamSettings;
  }

  AckGate ackGate() {
    return ackGate;
  }

  /** Tells every listener; a failing listener is logged and never disturbs the call or the other listeners. */
  void publish(CallEvent event) {
    for (CallListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("callId", event.callId()).setCause(e).log("call listener failed");
      }
    }
  }

  CareMetrics metrics() {
    return metrics;
  }

  Duration resumeWindow() {
    return resumeWindow;
  }
}
