package io.carepulse.live;

import io.carepulse.auth.Identity;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.Frame;
import io.carepulse.protocol.Hello;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent client's WebSocket: the shared {@link SocketConnection} lifecycle, plus parsing within the frame limit,
 * routing each call frame to its {@link CallSession}, and handing its calls back to the resume window when it goes
 * away. Its own state is touched on its event loop only; sessions on other loops write to the socket directly.
 */
final class AgentConnection extends SocketConnection implements AgentLink {

  private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);

  private final AgentGateway gateway;
  /** Calls this connection carries now. Written from session loops too, hence concurrent; it holds no call state. */
  private final Set<CallSession> calls = ConcurrentHashMap.newKeySet();

  /** In a cluster: calls owned by other nodes whose frames this socket forwards, callId → owner node (this loop). */
  private final Map<String, String> forwarded = new LinkedHashMap<>();

  /** What the calls send while a hello is answered waits for its welcome. */
  private final WelcomeGate welcomes = new WelcomeGate();

  /** Set once the socket closed; read by session loops so that no call attaches to a dead connection. */
  private volatile boolean gone;

  AgentConnection(AgentGateway gateway, ServerWebSocket socket, Context context) {
    super(gateway.sockets(), socket, context, gateway.settings().framesPerSecond(), gateway.settings().frameBurst(),
        "more than " + gateway.settings().framesPerSecond()
            + " frames/s on this connection; frames were dropped, resend from expectedSeq",
        gateway.settings().maxFrameBytes());
    this.gateway = gateway;
  }

  @Override
  protected void admittedByHeader() {
    send(ServerMessages.welcome(sessionId, Map.of()));
  }

  @Override
  public boolean gone() {
    return gone;
  }

  /** This socket's id among the cluster's relayed sockets. */
  String link() {
    return sessionId;
  }

  String agentId() {
    return identity().userId();
  }

  /** Errors are never held: one may explain a close that follows at once. */
  @Override
  public void send(JsonObject message) {
    if (!welcomes.answering() || "error".equals(message.getString("type"))
        || !welcomes.hold(() -> super.send(message))) {
      super.send(message);
    }
  }

  /** The same text {@code send(ServerMessages.ack(..))} writes, without the JsonObject (issue 14). */
  @Override
  public void sendAck(String callId, long seq) {
    sendHeldText(ServerMessages.ackText(callId, seq));
  }

  /** The same text {@code send(ServerMessages.score(..))} writes, without the JsonObject tree (issue 14). */
  @Override
  public void sendScore(ScoreUpdate update) {
    sendHeldText(ServerMessages.scoreText(update));
  }

  private void sendHeldText(String text) {
    if (!welcomes.answering() || !welcomes.hold(() -> sendText(text))) {
      sendText(text);
    }
  }

  /** Thread-safe: an open, authenticated connection of {@code agentId}. */
  boolean isOf(String agentId) {
    Identity who = identity();
    return !gone && who != null && who.userId().equals(agentId);
  }

  @Override
  public void carry(CallSession session) {
    calls.add(session);
  }

  @Override
  public void release(CallSession session) {
    calls.remove(session);
  }

  /** Calls on this socket, here and forwarded; from this loop. */
  private int carried() {
    return calls.size() + forwarded.size();
  }

  @Override
  protected void onText(String text, long received) {
    FrameRead read = gateway.reader().read(text);
    if (identity() == null) {
      if (read instanceof FrameRead.Accepted accepted && accepted.frame() instanceof Hello hello && hello.token() != null) {
        gateway.metrics().frameIn("hello");
        hello(hello.token(), () -> resume(hello));
      } else {
        refuseBeforeHello(read instanceof FrameRead.Refused refused ? refused.error() : null);
      }
      return;
    }
    if (read instanceof FrameRead.Refused refused) {
      sendError(refused.error());
      return;
    }
    Frame frame = ((FrameRead.Accepted) read).frame();
    if (frame instanceof Hello hello) {
      gateway.metrics().frameIn("hello");
      resume(hello);
    } else {
      CallFrame callFrame = (CallFrame) frame;
      gateway.metrics().frameIn(callFrame.type());
      route(callFrame, text, received, true);
    }
  }

  /**
   * Answers a hello: a welcome listing, per requested call this agent may resume, the seq to send next. Calls this
   * process does not know are looked up in history first (after a restart); reading pauses meanwhile, so frames that
   * follow the hello wait for the answer.
   */
  private void resume(Hello hello) {
    List<String> unknown = new ArrayList<>();
    for (Hello.ResumeRequest request : hello.resume()) {
      if (gateway.calls().find(request.callId()).isEmpty()
          && gateway.calls().endedCalls().find(request.callId()).isEmpty()
          && !forwarded.containsKey(request.callId())) {
        unknown.add(request.callId());
      }
    }
    if (unknown.isEmpty() || !gateway.calls().recovers() && gateway.relay() == null) {
      answerResume(hello, Set.of(), Map.of());
      return;
    }
    holdReading();
    Map<String, Future<Placed>> lookups = new LinkedHashMap<>();
    unknown.forEach(callId -> lookups.put(callId, place(callId)));
    Future.join(List.copyOf(lookups.values())).onComplete(done -> context().runOnContext(v -> {
      releaseReading();
      Set<String> unreadable = new java.util.HashSet<>();
      Map<String, Placed> remote = new LinkedHashMap<>();
      lookups.forEach((callId, lookup) -> {
        if (lookup.failed()) {
          unreadable.add(callId);
        } else if (lookup.result() != null) {
          remote.put(callId, lookup.result());
        }
      });
      if (!closing) {
        answerResume(hello, unreadable, remote);
      }
    }));
  }

  /** A resumed call that another node owns: the owner and its answer ({@code nextSeq}, or an error message). */
  private record Placed(String owner, JsonObject reply) {
  }

  /**
   * Finds a resumed call this node does not hold: single, in history; clustered, by claiming it first — granted, in
   * history here (a new owner after a crash); owned by a live node, by asking that node to carry it on this socket.
   * Null when the call is (or is not) here now.
   */
  private Future<Placed> place(String callId) {
    CallRegistry registry = gateway.calls();
    if (gateway.relay() == null) {
      return registry.recover(callId, context()).map(recovered -> null);
    }
    return registry.ownership().claim(callId).compose(owner -> {
      if (owner.equals(registry.ownership().node())) {
        return registry.recovers() ? registry.recover(callId, context()).map(recovered -> (Placed) null)
            : Future.succeededFuture();
      }
      return gateway.relay().resume(owner, this, callId).map(reply -> new Placed(owner, reply));
    });
  }

  private void answerResume(Hello hello, Set<String> unreadable, Map<String, Placed> remote) {
    welcomes.opened();
    Map<String, Long> resumed = new LinkedHashMap<>();
    List<CallSession> sessions = new ArrayList<>();
    List<ProtocolError> refusals = new ArrayList<>();
    List<JsonObject> remoteRefusals = new ArrayList<>();
    Map<String, String> remoteResumed = new LinkedHashMap<>();
    List<Future<Void>> pending = new ArrayList<>();
    for (Hello.ResumeRequest request : hello.resume()) {
      String callId = request.callId();
      Optional<CallSession> live = gateway.calls().find(callId);
      Placed placed = remote.get(callId);
      String forwardedTo = placed != null ? placed.owner() : forwarded.get(callId);
      if (placed != null && placed.reply().containsKey("error")) {
        remoteRefusals.add(placed.reply().getJsonObject("error"));
      } else if (placed != null) {
        if (!forwarded.containsKey(callId) && carried() >= gateway.settings().maxCallsPerConnection()) {
          refusals.add(tooManyCalls(callId, null));
        } else {
          forwarded.put(callId, placed.owner());
          resumed.put(callId, placed.reply().getLong("nextSeq"));
          remoteResumed.put(callId, placed.owner());
        }
      } else if (forwardedTo != null) {
        // Already forwarded from this socket: ask the owner again, as a resume on its own socket would.
        pending.add(gateway.relay().resume(forwardedTo, this, callId).map(reply -> {
          if (reply.containsKey("error")) {
            remoteRefusals.add(reply.getJsonObject("error"));
          } else {
            resumed.put(callId, reply.getLong("nextSeq"));
            remoteResumed.put(callId, forwardedTo);
          }
          return null;
        }));
      } else if (live.isPresent()) {
        CallSession session = live.get();
        if (!owns(session.agentId())) {
          refusals.add(notYours(callId, null));
        } else if (!calls.contains(session) && carried() >= gateway.settings().maxCallsPerConnection()) {
          refusals.add(tooManyCalls(callId, null));
        } else {
          pending.add(session.onOwner(() -> session.attach(this)).map(next -> {
            if (next == null) {
              refusals.add(new ProtocolError(ErrorCode.CALL_ENDED, "call " + callId + " has ended", callId, null));
            } else {
              resumed.put(callId, next);
              sessions.add(session);
            }
            return null;
          }));
        }
      } else if (unreadable.contains(callId)) {
        refusals.add(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "call " + callId
            + " cannot be looked up in history now; resume it again after a pause", callId, null));
      } else {
        Optional<EndedCall> ended = gateway.calls().endedCalls().find(callId);
        if (ended.isEmpty()) {
          gateway.calls().ownership().release(callId);
        }
        refusals.add(ended
            .map(gone -> owns(gone.agentId())
                ? new ProtocolError(ErrorCode.CALL_ENDED, "call " + callId + " has ended (" + gone.reason() + ")", callId, null)
                : notYours(callId, null))
            .orElseGet(() -> new ProtocolError(ErrorCode.UNKNOWN_CALL, "no call " + callId, callId, null)));
      }
    }
    // Completes on this loop (onOwner and event-bus replies answer on the caller's context), and at once when nothing
    // is pending: the welcome then goes out before any frame read after the hello is answered.
    Future.all(pending).onComplete(done -> {
      welcomes.welcome(() -> super.send(ServerMessages.welcome(sessionId, resumed)));
      refusals.forEach(this::sendError);
      remoteRefusals.forEach(this::send);
      sessions.forEach(session -> session.execute(session::deliverHeldWhispers));
      remoteResumed.forEach((callId, owner) -> gateway.relay().welcomed(owner, this, callId));
    });
  }

  /**
   * Sends the frame to its call. A frame (other than call.start) for a call this process does not know is looked up
   * in history first — the call may have been live before a restart; reading pauses meanwhile so the call's next
   * frames keep their order. A call.start for an unknown id never waits for the database: it starts a new call.
   */
  private void route(CallFrame frame, String text, long received, boolean mayLookUp) {
    String callId = frame.callId();
    Optional<CallSession> live = gateway.calls().find(callId);
    if (live.isPresent()) {
      deliver(live.get(), frame, received);
      return;
    }
    String owner = forwarded.get(callId);
    if (owner != null) {
      gateway.relay().forward(owner, this, callId, text);
      return;
    }
    Optional<EndedCall> ended = gateway.calls().endedCalls().find(callId);
    if (ended.isPresent()) {
      if (!owns(ended.get().agentId())) {
        sendError(notYours(callId, frame.seq()));
      } else {
        answerForEnded(frame, ended.get().lastSeq());
      }
      return;
    }
    if (mayLookUp && gateway.relay() != null) {
      claimThenRoute(frame, text, received);
      return;
    }
    if (!(frame instanceof CallStart) && mayLookUp && gateway.calls().recovers()) {
      holdReading();
      gateway.calls().recover(callId, context()).onComplete(done -> context().runOnContext(v -> {
        releaseReading();
        if (closing) {
          return;
        }
        if (done.failed()) {
          sendError(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "call " + callId
              + " cannot be looked up in history now; resend after a pause", callId, frame.seq()));
        } else {
          route(frame, text, received, false);
        }
      }));
      return;
    }
    if (!(frame instanceof CallStart start)) {
      refuseStart(new ProtocolError(ErrorCode.UNKNOWN_CALL, "no call " + callId + "; start it with call.start", callId,
          frame.seq()));
      return;
    }
    if (!identity().mayStartCallsIn(start.teamId())) {
      refuseStart(notYourTeam(start));
      return;
    }
    if (carried() >= gateway.settings().maxCallsPerConnection()) {
      refuseStart(tooManyCalls(callId, frame.seq()));
      return;
    }
    CallRegistry.Opened opened = gateway.calls().open(start, identity().userId(), context());
    if (opened.limited()) {
      refuseStart(new ProtocolError(ErrorCode.TOO_MANY_AGENT_CALLS, "at most " + gateway.calls().maxCallsPerAgent()
          + " live calls per agent; end one before starting another", callId, frame.seq()));
      return;
    }
    if (opened.created()) {
      LOG.atInfo().addKeyValue("callId", callId).addKeyValue("agentId", identity().userId()).log("call started");
    }
    deliver(opened.session(), frame, received);
  }

  /** A call that does not start here gives back the cluster claim taken for it (every refusal, the per-agent cap too). */
  private void refuseStart(ProtocolError error) {
    gateway.calls().ownership().release(error.callId());
    sendError(error);
  }

  /**
   * In a cluster, a call this node does not hold: claim it. Granted — a new call, or one whose owner died — it is
   * started or rebuilt from history here; owned by a live node, its frames are forwarded there from now on. Reading
   * pauses meanwhile so the call's next frames keep their order.
   */
  private void claimThenRoute(CallFrame frame, String text, long received) {
    String callId = frame.callId();
    holdReading();
    gateway.calls().ownership().claim(callId).onComplete(claimed -> context().runOnContext(v -> {
      releaseReading();
      if (closing) {
        return;
      }
      if (claimed.failed()) {
        sendError(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "call " + callId
            + " cannot be placed in the cluster now; resend after a pause", callId, frame.seq()));
      } else if (claimed.result().equals(gateway.calls().ownership().node())) {
        routeClaimed(frame, text, received, !(frame instanceof CallStart) && gateway.calls().recovers());
      } else if (carried() >= gateway.settings().maxCallsPerConnection()) {
        sendError(tooManyCalls(callId, frame.seq()));
      } else {
        forwarded.put(callId, claimed.result());
        gateway.relay().forward(claimed.result(), this, callId, text);
      }
    }));
  }

  /** After a granted claim: recover from history when {@code recover}, then start or deliver as a single node does. */
  private void routeClaimed(CallFrame frame, String text, long received, boolean recover) {
    if (recover) {
      String callId = frame.callId();
      holdReading();
      gateway.calls().recover(callId, context()).onComplete(done -> context().runOnContext(v -> {
        releaseReading();
        if (closing) {
          return;
        }
        if (done.failed()) {
          gateway.calls().ownership().release(callId);
          sendError(new ProtocolError(ErrorCode.STORE_UNAVAILABLE, "call " + callId
              + " cannot be looked up in history now; resend after a pause", callId, frame.seq()));
        } else {
          route(frame, text, received, false);
        }
      }));
    } else {
      route(frame, text, received, false);
    }
  }

  private void deliver(CallSession session, CallFrame frame, long received) {
    if (!owns(session.agentId())) {
      sendError(notYours(frame.callId(), frame.seq()));
    } else if (!calls.contains(session) && carried() >= gateway.settings().maxCallsPerConnection()) {
      sendError(tooManyCalls(frame.callId(), frame.seq()));
    } else {
      session.execute(() -> session.receive(frame, this, received));
    }
  }

  /**
   * A frame for a call that is over: a resend of something already applied is acked again (the client may simply not
   * have seen the ack); anything new, and any call.start, is refused with call_ended.
   */
  @Override
  public void answerForEnded(CallFrame frame, long lastSeq) {
    JsonObject answer = answerForEnded(frame, lastSeq, gateway.metrics());
    if ("ack".equals(answer.getString("type"))) {
      // With a durable store the call's last frames may not be persisted yet: this ack waits like theirs.
      gateway.calls().ackGate().repeat(() -> send(answer));
    } else {
      send(answer);
    }
  }

  static JsonObject answerForEnded(CallFrame frame, long lastSeq, io.carepulse.ops.CareMetrics metrics) {
    if (!(frame instanceof CallStart) && frame.seq() <= lastSeq) {
      return ServerMessages.ack(frame.callId(), lastSeq);
    }
    metrics.error(ErrorCode.CALL_ENDED);
    return ServerMessages.error(new ProtocolError(ErrorCode.CALL_ENDED, "call " + frame.callId() + " has ended",
        frame.callId(), frame.seq()));
  }

  private boolean owns(String agentId) {
    return identity().userId().equals(agentId);
  }

  private ProtocolError notYours(String callId, Long seq) {
    return new ProtocolError(ErrorCode.FORBIDDEN, "call " + callId + " belongs to another agent", callId, seq);
  }

  /** A call in someone else's team would show on that team's dashboard, reports and playbook. */
  private static ProtocolError notYourTeam(CallStart start) {
    return new ProtocolError(ErrorCode.FORBIDDEN, "teamId " + start.teamId() + " is not one of your teams",
        start.callId(), start.seq());
  }

  private ProtocolError tooManyCalls(String callId, Long seq) {
    return new ProtocolError(ErrorCode.TOO_MANY_CALLS, "at most " + gateway.settings().maxCallsPerConnection()
        + " open calls per connection", callId, seq);
  }

  @Override
  protected void sendError(ProtocolError error) {
    gateway.metrics().error(error.code());
    super.sendError(error);
  }

  /**
   * The first step of a cluster node's hand-over: stop reading and let every call here finish the frames already
   * handed to it; the socket stays open until {@link #drain}.
   */
  Future<Void> quiesce() {
    if (closing) {
      return Future.succeededFuture();
    }
    holdReading();
    List<Future<Void>> settled = new ArrayList<>();
    calls.forEach(session -> settled.add(session.settled()));
    return Future.join(settled).mapEmpty();
  }

  /**
   * Graceful shutdown: stop reading, let every call finish the frames already handed to it (so each gets its ack),
   * then close with 1001 so the client resumes elsewhere. Frames still buffered are ignored from there (never
   * applied, never acked: the client resends them after resuming elsewhere).
   */
  @Override
  Future<Void> drain() {
    if (closing) {
      return Future.succeededFuture();
    }
    holdReading();
    List<Future<Void>> settled = new ArrayList<>();
    calls.forEach(session -> settled.add(session.settled()));
    return Future.all(settled).transform(done -> closeGoingAway());
  }

  /**
   * A node this socket forwards calls to left the cluster: answers still in flight there are lost, so this socket
   * closes 1001 and the client resumes — a survivor then takes the call over from history.
   */
  void ownerLeft(String node) {
    context().runOnContext(v -> {
      if (forwarded.containsValue(node) && !closing) {
        forwarded.values().removeIf(node::equals);
        LOG.atWarn().addKeyValue("node", node).log("owner of forwarded calls left the cluster; agent asked to resume");
        closeGoingAway();
      }
    });
  }

  @Override
  protected void afterClose() {
    gone = true;
    if (gateway.relay() != null) {
      gateway.relay().closed(this, Map.copyOf(forwarded));
      forwarded.clear();
    }
    for (CallSession session : calls) {
      session.execute(() -> session.detach(this));
    }
    calls.clear();
  }
}
