package io.carepulse.live;

import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallContext;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.CallClock;
import io.carepulse.protocol.SequenceCheck;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.score.CallerHistory;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live call. Its state is owned by the event loop it was started on and is only touched there, so it needs no
 * locks: code on another event loop (a reconnecting agent, a supervisor's whisper) hops here with {@link #onOwner} or
 * {@link #execute}. Only {@link #callId()} and {@link #agentId()} may be read from anywhere.
 */
public final class CallSession {

  private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);
  /** Whispers held for an agent who is reconnecting; more than this and the oldest are dropped. */
  private static final int MAX_HELD_WHISPERS = 16;

  private final String callId;
  private final String agentId;
  private final Context context;
  private final CallRegistry registry;
  private final CallStart start;
  private final CallInfo info;
  private final CallEngine engine;
  private final SequenceCheck sequence = new SequenceCheck(0);
  private final CallClock clock;
  private final ArrayDeque<JsonObject> heldWhispers = new ArrayDeque<>();

  private AgentLink agent;
  private long resumeTimer = -1;
  private boolean ended;
  /** This node gave the call up as it shut down: another node rebuilds it from history; nothing happens here. */
  private boolean handedOver;

  /** A new call: what it starts from is looked up now (care memory, the agent's norms, the team's config). */
  CallSession(CallStart start, String agentId, Context context, CallRegistry registry) {
    this(start, agentId, context, registry, null);
  }

  /** {@code started}: what a recovered call started from, kept with it; null for a new call, or one stored without. */
  CallSession(CallStart start, String agentId, Context context, CallRegistry registry, CallContext started) {
    this.callId = start.callId();
    this.agentId = agentId;
    this.context = context;
    this.registry = registry;
    this.start = start;
    CoreConfig config = registry.teamSettings().coreConfigFor(start.teamId());
    this.engine = new CallEngine(callId, config, started != null ? started : lookUp(start, agentId, config, registry));
    this.info = new CallInfo(callId, agentId, start.teamId(), start, engine.context());
    this.clock = new CallClock(registry.tsTolerance().toMillis());
  }

  private static CallContext lookUp(CallStart start, String agentId, CoreConfig config, CallRegistry registry) {
    Instant at = Instant.ofEpochMilli(start.ts());
    String customerId = start.customer().id();
    CallerHistory history = customerId == null ? CallerHistory.NONE : registry.memory().recall(customerId, at);
    return CallContext.of(start.callId(), config, history, registry.agentNorms().recall(agentId, at));
  }

  public String callId() {
    return callId;
  }

  public String agentId() {
    return agentId;
  }

  String teamId() {
    return start.teamId();
  }

  /** Runs {@code work} on this call's event loop, inline when already there, so frames keep their order. */
  void execute(Runnable work) {
    if (Vertx.currentContext() == context) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }

  /** Runs {@code work} on this call's event loop and completes the result on the caller's context. */
  <T> Future<T> onOwner(Supplier<T> work) {
    Context caller = Vertx.currentContext();
    if (caller == context) {
      try {
        return Future.succeededFuture(work.get());
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
    }
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      T result;
      try {
        result = work.get();
      } catch (RuntimeException e) {
        backOn(caller, () -> promise.fail(e));
        return;
      }
      backOn(caller, () -> promise.complete(result));
    });
    return promise.future();
  }

  private static void backOn(Context caller, Runnable work) {
    if (caller == null) {
      work.run();
    } else {
      caller.runOnContext(v -> work.run());
    }
  }

  // ---- everything below runs on the owner event loop

  /** One call frame from the owning agent; {@code receivedNanos} is when the gateway had its text. */
  void receive(CallFrame frame, AgentLink from, long receivedNanos) {
    if (handedOver) {
      // Neither applied nor answered: the client resends it from nextSeq where the call resumes.
      return;
    }
    if (ended) {
      from.answerForEnded(frame, sequence.lastApplied());
      return;
    }
    if (agent != from) {
      // The latest connection of the owning agent carries the call, even without an explicit resume.
      attach(from);
      deliverHeldWhispers();
    }
    // Answers go to whichever socket carries the call when they are released (a held ack may outlive a socket).
    handle(frame, toAgent, receivedNanos);
  }

  /**
   * One call frame from a server-side integration (REST ingest) rather than the agent's socket. The frame's own
   * answer — exactly one ack or error, as on the socket — goes to {@code answer}; scores and prompts still go to the
   * agent's socket when one carries the call. With no socket, the call waits one resume window for the next frame,
   * then ends as disconnected, as a dropped socket would.
   */
  void receiveFromIntegration(CallFrame frame, Consumer<JsonObject> answer, long receivedNanos) {
    if (handedOver) {
      answer.accept(error(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "this node is handing its calls over as it"
          + " shuts down; resend from seq " + sequence.expected() + " to another node", callId, frame.seq(),
          sequence.expected())));
      return;
    }
    if (ended) {
      JsonObject reply = AgentConnection.answerForEnded(frame, sequence.lastApplied(), registry.metrics());
      if ("ack".equals(reply.getString("type"))) {
        registry.ackGate().repeat(() -> answer.accept(reply));
      } else {
        answer.accept(reply);
      }
      return;
    }
    handle(frame, answer::accept, receivedNanos);
    if (agent == null && !ended) {
      if (resumeTimer >= 0) {
        registry.vertx().cancelTimer(resumeTimer);
      }
      resumeTimer = -1;
      awaitResume();
    }
  }

  private void handle(CallFrame frame, Answer answer, long receivedNanos) {
    if (frame instanceof CallStart again && sequence.lastApplied() > 0) {
      if (again.equals(start)) {
        ackAgain(answer);
      } else {
        answer.accept(error(new ProtocolError(ErrorCode.CALL_EXISTS,
            "call " + callId + " already started with a different call.start", callId, frame.seq())));
      }
      return;
    }
    switch (sequence.check(frame.seq())) {
      case DUPLICATE -> ackAgain(answer);
      case GAP -> answer.accept(error(new ProtocolError(ErrorCode.SEQ_GAP, "expected seq " + sequence.expected(),
          callId, frame.seq(), sequence.expected())));
      case APPLY -> {
        String stray = clock.refusal(frame.ts(), nowMillis());
        if (stray != null) {
          answer.accept(error(new ProtocolError(ErrorCode.INVALID, frame.type() + "." + stray, callId, frame.seq())));
        } else if (registry.ackGate().accepting()) {
          apply(frame, answer, receivedNanos);
        } else {
          answer.accept(error(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "history store is down or behind and its "
              + "queue is full; frame not applied, resend from seq " + sequence.expected() + " after a pause", callId,
              frame.seq(), sequence.expected())));
        }
      }
    }
  }

  /** A resent frame: ack the last applied seq again, but never ahead of what the store has (see AckGate#repeat). */
  private void ackAgain(Answer answer) {
    long seq = sequence.lastApplied();
    registry.ackGate().repeat(() -> answer.ack(callId, seq));
  }

  private void apply(CallFrame frame, Answer answer, long receivedNanos) {
    CallEngine.Step step = CallEngine.Step.NOTHING;
    try {
      step = engine.apply(frame);
    } catch (RuntimeException e) {
      // A core bug must not wedge the call: the client would resend this frame forever. Count it applied, say so.
      LOG.atError().addKeyValue("callId", callId).addKeyValue("seq", frame.seq()).setCause(e)
          .log("scoring core failed on a frame; frame skipped");
    }
    sequence.applied(frame.seq());
    clock.accepted(frame.ts(), nowMillis());
    if (frame instanceof CallStart && info.holdout() != null) {
      send(ServerMessages.holdout(callId, info.holdout()));
    }
    step.score().ifPresent(score -> {
      if (agent != null) {
        agent.sendScore(score);
      }
      registry.metrics().frameToScore(System.nanoTime() - receivedNanos);
    });
    for (Prompt prompt : step.prompts()) {
      send(ServerMessages.prompt(prompt));
      registry.metrics().prompt(prompt.kind().wire());
    }
    Instant now = Instant.now();
    if (frame instanceof CallStart) {
      registry.publish(new CallEvent.Started(info, now));
    }
    CallEvent.Applied applied = new CallEvent.Applied(info, frame, step, now);
    registry.publish(applied);
    // The ack comes last: once a client sees it, everything this frame produced has been sent before it.
    registry.ackGate().release(applied, () -> answer.ack(callId, frame.seq()));
    if (frame instanceof CallEnd end) {
      finish(end.reason() == null ? "ended" : end.reason());
    }
  }

  /**
   * Rebuilds a recovered call: applies its stored frames, in seq order from 1, to the core — which is deterministic, so
   * it ends in exactly the state the call had — without sending, publishing or acking anything (all of that happened
   * before the restart). Stops at the first missing seq; returns the last seq applied.
   */
  long replay(java.util.List<CallFrame> frames) {
    for (CallFrame frame : frames) {
      if (frame.seq() != sequence.expected()) {
        LOG.atWarn().addKeyValue("callId", callId).addKeyValue("seq", frame.seq())
            .log("stored frames of a recovered call have a gap; the client resends from the gap");
        break;
      }
      try {
        engine.apply(frame);
      } catch (RuntimeException e) {
        LOG.atError().addKeyValue("callId", callId).addKeyValue("seq", frame.seq()).setCause(e)
            .log("scoring core failed on a replayed frame; frame skipped");
      }
      sequence.applied(frame.seq());
      clock.accepted(frame.ts(), nowMillis());
      if (frame instanceof CallEnd end) {
        // The end was stored but the restart came before the call was marked ended: finish it now.
        finish(end.reason() == null ? "ended" : end.reason());
        break;
      }
    }
    return sequence.lastApplied();
  }

  /** The server's monotonic time, for the call clock's notion of real time passing. */
  private static long nowMillis() {
    return System.nanoTime() / 1_000_000;
  }

  boolean over() {
    return ended;
  }

  /**
   * Graceful shutdown in a cluster: the call stops here, without ending — no frame is applied from now on, no resume
   * window runs — so that another node can take it over from history. Its socket keeps it until it closes: acks of
   * frames applied before still reach the agent once the journal has them. True when it was live (an ended call has
   * nothing to hand over).
   */
  boolean handOver() {
    if (ended || handedOver) {
      return false;
    }
    handedOver = true;
    if (resumeTimer >= 0) {
      registry.vertx().cancelTimer(resumeTimer);
      resumeTimer = -1;
    }
    heldWhispers.clear();
    return true;
  }

  /** A recovered call has no agent yet: like a dropped connection, it waits the resume window for one. */
  void awaitAgent() {
    execute(() -> {
      if (agent == null && !ended && !handedOver) {
        awaitResume();
      }
    });
  }

  /** Makes {@code connection} the one that carries this call; returns the seq the client should send next, or null if the call has ended. */
  Long attach(AgentLink connection) {
    if (ended || handedOver) {
      return null;
    }
    if (connection.gone()) {
      return sequence.expected();
    }
    if (agent != null && agent != connection) {
      agent.release(this);
    }
    agent = connection;
    connection.carry(this);
    if (connection.gone()) {
      // It closed while we attached and may have missed this call when handing its calls back: do it ourselves.
      detach(connection);
      return sequence.expected();
    }
    if (resumeTimer >= 0) {
      registry.vertx().cancelTimer(resumeTimer);
      resumeTimer = -1;
      LOG.atInfo().addKeyValue("callId", callId).log("call resumed");
    }
    return sequence.expected();
  }

  /** Delivers whispers held while the agent was away; called once the resumed session has its welcome. */
  void deliverHeldWhispers() {
    while (agent != null && !heldWhispers.isEmpty()) {
      send(heldWhispers.poll());
    }
  }

  /** The connection went away: keep the call open for the resume window, then end it as disconnected. */
  void detach(AgentLink connection) {
    if (ended || handedOver || agent != connection) {
      return;
    }
    agent = null;
    awaitResume();
  }

  private void awaitResume() {
    if (resumeTimer < 0) {
      resumeTimer = registry.vertx().setTimer(registry.resumeWindow().toMillis(), id -> {
        resumeTimer = -1;
        if (agent == null && !ended) {
          finish(EndedCall.DISCONNECTED);
        }
      });
    }
  }

  WhisperOutcome whisper(String from, String text) {
    if (ended || handedOver) {
      return WhisperOutcome.NO_LIVE_CALL;
    }
    JsonObject message = ServerMessages.whisper(callId, from, text);
    WhisperOutcome outcome;
    if (agent != null) {
      send(message);
      outcome = WhisperOutcome.DELIVERED;
    } else {
      if (heldWhispers.size() == MAX_HELD_WHISPERS) {
        heldWhispers.poll();
      }
      heldWhispers.add(message);
      outcome = WhisperOutcome.HELD;
    }
    registry.publish(new CallEvent.Whispered(info, from, text, outcome, Instant.now()));
    return outcome;
  }

  /** The last applied seq, read on the owner loop. */
  Future<Long> lastApplied() {
    return onOwner(sequence::lastApplied);
  }

  /** A barrier for graceful shutdown: completes once every frame queued for this call before it has been applied. */
  Future<Void> settled() {
    return onOwner(() -> null);
  }

  private void finish(String reason) {
    ended = true;
    if (resumeTimer >= 0) {
      registry.vertx().cancelTimer(resumeTimer);
      resumeTimer = -1;
    }
    CallSummary summary = engine.summary();
    EndedCall endedCall = new EndedCall(callId, agentId, start.teamId(), sequence.lastApplied(), reason, summary,
        Instant.now());
    registry.ended(this, endedCall);
    registry.publish(new CallEvent.Ended(info, endedCall));
    if (agent != null) {
      agent.release(this);
    }
    heldWhispers.clear();
    LOG.atInfo().addKeyValue("callId", callId).addKeyValue("reason", reason)
        .addKeyValue("callScore", summary.callScore()).log("call ended");
  }

  private JsonObject error(ProtocolError error) {
    registry.metrics().error(error.code());
    return ServerMessages.error(error);
  }

  private void send(JsonObject message) {
    if (agent != null) {
      agent.send(message);
    }
  }

  /**
   * Where a frame's one answer (its ack or error) goes. The ack has its own method so that the socket's answer can
   * write its text without building a JsonObject first (issue 14); any other answer gets the JsonObject.
   */
  @FunctionalInterface
  private interface Answer extends Consumer<JsonObject> {
    default void ack(String callId, long seq) {
      accept(ServerMessages.ack(callId, seq));
    }
  }

  /** The answers of the agent's own frames: to whichever socket carries the call when they are released. */
  private final Answer toAgent = new Answer() {
    @Override
    public void accept(JsonObject message) {
      send(message);
    }

    @Override
    public void ack(String callId, long seq) {
      if (agent != null) {
        agent.sendAck(callId, seq);
      }
    }
  };
}
