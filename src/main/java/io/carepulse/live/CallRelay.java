package io.carepulse.live;

import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwarding between nodes of a cluster: an agent's socket may sit on one node while its call is owned by another. The
 * socket's node sends the call's frames, as the text it received, to the owner's inbox; the owner applies them to the
 * session as if from a local socket ({@link RelayedAgent}) and sends every answer back to the socket's node, which
 * writes it out. Each direction is one event-bus address per node, and the bus keeps one sender's messages to one
 * address in order, so sequencing, acks and duplicates behave exactly as on a single node.
 */
final class CallRelay {

  private static final Logger LOG = LoggerFactory.getLogger(CallRelay.class);
  private static final long ASK_TIMEOUT_MS = 10_000;

  private final EventBus bus;
  private final CallRegistry registry;
  private final FrameReader reader;
  private final String me;
  /** Sockets on this node that forward to other nodes, by link id. */
  private final Map<String, AgentConnection> links = new ConcurrentHashMap<>();
  /** Remote sockets whose calls this node owns, by link id. */
  private final Map<String, RelayedAgent> relayed = new ConcurrentHashMap<>();

  CallRelay(Vertx vertx, CallRegistry registry, FrameReader reader) {
    this.bus = vertx.eventBus();
    this.registry = registry;
    this.reader = reader;
    this.me = registry.ownership().node();
    bus.<JsonObject>consumer(inbox(me), this::onOwnerMessage);
    bus.<JsonObject>consumer(linksOf(me), this::onLinkMessage);
    registry.ownership().whenNodeLeaves(this::nodeLeft);
  }

  private static String inbox(String node) {
    return "carepulse.calls." + node;
  }

  private static String linksOf(String node) {
    return "carepulse.links." + node;
  }

  // ---- the socket's side

  void forward(String owner, AgentConnection from, String callId, String text) {
    links.putIfAbsent(from.link(), from);
    bus.send(inbox(owner), new JsonObject().put("kind", "frame").put("node", me).put("link", from.link())
        .put("agent", from.agentId()).put("callId", callId).put("text", text));
  }

  /** Asks the owner to carry the call on this socket; the reply holds {@code nextSeq} or a server error message. */
  Future<JsonObject> resume(String owner, AgentConnection from, String callId) {
    links.putIfAbsent(from.link(), from);
    return bus.<JsonObject>request(inbox(owner), new JsonObject().put("kind", "resume").put("node", me)
            .put("link", from.link()).put("agent", from.agentId()).put("callId", callId),
        new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(ASK_TIMEOUT_MS))
        .map(Message::body);
  }

  /** After the welcome went out: the owner may now send the whispers it held while the agent was away. */
  void welcomed(String owner, AgentConnection from, String callId) {
    bus.send(inbox(owner), new JsonObject().put("kind", "welcomed").put("link", from.link()).put("callId", callId));
  }

  /** The socket closed: the owner's sessions wait for a resume. */
  void closed(AgentConnection from, Map<String, String> forwarded) {
    links.remove(from.link());
    forwarded.forEach((callId, owner) -> bus.send(inbox(owner), new JsonObject().put("kind", "detach")
        .put("link", from.link()).put("callId", callId)));
  }

  /** A whisper for a call owned elsewhere, delivered by its owner; NO_LIVE_CALL when no live node owns it. */
  Future<WhisperOutcome> whisper(String callId, String from, String text) {
    return registry.ownership().owner(callId).compose(owner -> {
      if (owner == null || owner.equals(me)) {
        return Future.succeededFuture(WhisperOutcome.NO_LIVE_CALL);
      }
      return bus.<JsonObject>request(inbox(owner), new JsonObject().put("kind", "whisper").put("callId", callId)
              .put("from", from).put("text", text), new io.vertx.core.eventbus.DeliveryOptions()
              .setSendTimeout(ASK_TIMEOUT_MS))
          .map(reply -> WhisperOutcome.valueOf(reply.body().getString("outcome")));
    });
  }

  private void onLinkMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    AgentConnection connection = links.get(body.getString("link"));
    if (connection == null) {
      return;
    }
    String leaving = body.getString("leaving");
    if (leaving != null) {
      connection.ownerLeft(leaving);
    } else {
      connection.send(body.getJsonObject("message"));
    }
  }

  /**
   * Graceful shutdown, after this node handed its calls over: every socket elsewhere that forwards to it closes 1001
   * as if it had died, so those clients resume too — on a node that can now take the calls.
   */
  void leaving() {
    relayed.values().forEach(agent -> bus.send(linksOf(agent.node()), new JsonObject().put("link", agent.link())
        .put("leaving", me)));
    relayed.clear();
  }

  // ---- the owner's side

  void toLink(String node, String link, JsonObject message) {
    bus.send(linksOf(node), new JsonObject().put("link", link).put("message", message));
  }

  void answerForEnded(RelayedAgent to, CallFrame frame, long lastSeq) {
    JsonObject answer = AgentConnection.answerForEnded(frame, lastSeq, registry.metrics());
    if ("ack".equals(answer.getString("type"))) {
      registry.ackGate().repeat(() -> to.send(answer));
    } else {
      to.send(answer);
    }
  }

  private void onOwnerMessage(Message<JsonObject> message) {
    JsonObject body = message.body();
    switch (body.getString("kind", "")) {
      case "frame" -> frame(body);
      case "resume" -> resume(body, message);
      case "welcomed" -> session(body).ifPresent(session -> session.execute(session::deliverHeldWhispers));
      case "detach" -> {
        RelayedAgent agent = relayed.get(body.getString("link"));
        if (agent != null && session(body).map(agent::detach).orElse(true)) {
          relayed.remove(agent.link(), agent);
        }
      }
      case "whisper" -> registry.whisper(body.getString("callId"), body.getString("from"), body.getString("text"))
          .onComplete(done -> message.reply(new JsonObject().put("outcome",
              (done.succeeded() ? done.result() : WhisperOutcome.NO_LIVE_CALL).name())));
      default -> LOG.warn("unknown relay message {}", body.getString("kind"));
    }
  }

  private Optional<CallSession> session(JsonObject body) {
    return registry.find(body.getString("callId"));
  }

  private RelayedAgent agentOf(JsonObject body) {
    return relayed.computeIfAbsent(body.getString("link"), link -> new RelayedAgent(this, body.getString("node"), link,
        body.getString("agent")));
  }

  private void frame(JsonObject body) {
    long received = System.nanoTime();
    RelayedAgent agent = agentOf(body);
    String callId = body.getString("callId");
    FrameRead read = reader.read(body.getString("text"));
    if (!(read instanceof FrameRead.Accepted accepted) || !(accepted.frame() instanceof CallFrame frame)) {
      agent.send(ServerMessages.error(read instanceof FrameRead.Refused refused ? refused.error()
          : ProtocolError.of(ErrorCode.INVALID, "not a call frame")));
      return;
    }
    Optional<CallSession> live = registry.find(callId);
    if (live.isPresent()) {
      CallSession session = live.get();
      if (!session.agentId().equals(agent.agentId())) {
        agent.send(ServerMessages.error(new ProtocolError(ErrorCode.FORBIDDEN, "call " + callId
            + " belongs to another agent", callId, frame.seq())));
      } else {
        session.execute(() -> session.receive(frame, agent, received));
      }
      return;
    }
    Optional<EndedCall> ended = registry.endedCalls().find(callId);
    if (ended.isPresent() && ended.get().agentId().equals(agent.agentId())) {
      answerForEnded(agent, frame, ended.get().lastSeq());
    } else {
      agent.send(ServerMessages.error(new ProtocolError(ErrorCode.UNKNOWN_CALL, "call " + callId
          + " is not live on its owning node; resume it", callId, frame.seq())));
    }
  }

  private void resume(JsonObject body, Message<JsonObject> message) {
    String callId = body.getString("callId");
    if (registry.handingOver()) {
      // Its lease is given up in a moment: the resume is then granted on the asking node, from history.
      message.reply(new JsonObject().put("error", ServerMessages.error(new ProtocolError(ErrorCode.STORE_UNAVAILABLE,
          "the node owning call " + callId + " is shutting down and handing it over; resume again", callId, null))));
      return;
    }
    RelayedAgent agent = agentOf(body);
    Optional<CallSession> live = registry.find(callId);
    if (live.isEmpty()) {
      message.reply(new JsonObject().put("error", ServerMessages.error(registry.endedCalls().find(callId)
          .map(ended -> ended.agentId().equals(agent.agentId())
              ? new ProtocolError(ErrorCode.CALL_ENDED, "call " + callId + " has ended (" + ended.reason() + ")",
                  callId, null)
              : forbidden(callId))
          .orElseGet(() -> new ProtocolError(ErrorCode.UNKNOWN_CALL, "no call " + callId, callId, null)))));
      return;
    }
    CallSession session = live.get();
    if (!session.agentId().equals(agent.agentId())) {
      message.reply(new JsonObject().put("error", ServerMessages.error(forbidden(callId))));
      return;
    }
    session.onOwner(() -> session.attach(agent)).onComplete(done -> {
      Long next = done.succeeded() ? done.result() : null;
      message.reply(next == null
          ? new JsonObject().put("error", ServerMessages.error(new ProtocolError(ErrorCode.CALL_ENDED, "call "
              + callId + " has ended", callId, null)))
          : new JsonObject().put("nextSeq", next));
    });
  }

  private static ProtocolError forbidden(String callId) {
    return new ProtocolError(ErrorCode.FORBIDDEN, "call " + callId + " belongs to another agent", callId, null);
  }

  /** A node left: its sockets' calls here wait for a resume; sockets here forwarding to it close so clients resume. */
  private void nodeLeft(String node) {
    relayed.values().removeIf(agent -> {
      if (agent.node().equals(node)) {
        agent.lost();
        return true;
      }
      return false;
    });
    links.values().forEach(connection -> connection.ownerLeft(node));
  }
}
