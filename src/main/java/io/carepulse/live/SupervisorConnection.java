package io.carepulse.live;

import io.carepulse.auth.Identity;
import io.carepulse.auth.Role;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.rx.ContextScheduler;
import io.carepulse.wire.ServerMessages;
import io.carepulse.wire.SupervisorFrameReader;
import io.reactivex.rxjava3.disposables.Disposable;
import io.vertx.core.Context;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisor's WebSocket. Changes are conflated, never queued: the feed only marks a call as changed, and every
 * {@link SupervisorGateway#FLUSH_INTERVAL} this connection gets the set of calls marked since ({@link ChangedCalls},
 * at most one entry per call in scope) and sends the <em>current</em> row of each — so at most four rows per call per
 * second, and a supervisor that fell behind catches up with the present, not with a backlog. When the socket's write
 * queue is full the flush stops and keeps the rest for the next one: memory per supervisor is bounded by the calls in
 * its scope plus {@link #MAX_NOTICES} alert/kudos messages, whatever the reader does. Its own state is touched on its
 * event loop; {@link #changed}, {@link #ended} and {@link #notice} are called from call loops and only mark or enqueue.
 */
final class SupervisorConnection extends SocketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorConnection.class);

  /** Alert and kudos messages waiting; beyond this the oldest are dropped (rows still carry the open alerts). */
  static final int MAX_NOTICES = 64;
  /** Supervisor frames are tiny; anything larger is a mistake or an attack. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;

  private final SupervisorGateway gateway;
  private final ChangedCalls changes = new ChangedCalls();
  /** Calls handed over by a flush and not sent yet (the write queue filled up); touched on this loop only. */
  private final Set<String> unsent = new LinkedHashSet<>();
  /** Calls this supervisor has been sent a row of: it is told when they end. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<JsonObject> notices = new ConcurrentLinkedQueue<>();
  private final AtomicInteger noticeCount = new AtomicInteger();

  private volatile long skippedFlushes;
  private Disposable flushes = Disposable.disposed();
  private String watching;
  private boolean watchReset;
  private final long[] cursors = new long[LiveCallView.DETAIL_CURSORS];
  /** In a cluster: the node owning the watched call when it is not this one; null while it is here. */
  private String watchedNode;
  /** A question to that node is on its way: the next one waits for its answer. */
  private boolean asking;
  private boolean toldUnreachable;

  SupervisorConnection(SupervisorGateway gateway, ServerWebSocket socket, Context context) {
    super(gateway.sockets(), socket, context, 20, 40, "more than 20 frames/s; frames were dropped",
        MAX_MESSAGE_CHARS * 4);
    this.gateway = gateway;
  }

  @Override
  protected void admittedByHeader() {
    admit();
  }

  // ---- called from call event loops: cheap, non-blocking, bounded

  boolean sees(String teamId) {
    Identity who = identity();
    return who != null && (who.role() == Role.ADMIN || teamId != null && who.teams().contains(teamId));
  }

  void changed(String callId) {
    changes.mark(callId);
  }

  void ended(String callId) {
    if (known.contains(callId)) {
      changes.mark(callId);
    }
  }

  void notice(JsonObject message) {
    notices.add(message);
    if (noticeCount.incrementAndGet() > MAX_NOTICES && notices.poll() != null) {
      noticeCount.decrementAndGet();
    }
  }

  /** Calls waiting to be sent (marked, or handed over and not sent yet) and notices; from any thread. */
  int pending() {
    Set<String> waiting = new HashSet<>(changes.waiting());
    synchronized (unsent) {
      waiting.addAll(unsent);
    }
    return waiting.size() + noticeCount.get();
  }

  long skippedFlushes() {
    return skippedFlushes;
  }

  // ---- everything below runs on this connection's event loop

  private void admit() {
    Identity who = identity();
    // Subscribed before joining the feed, so that no mark is made before anyone listens.
    flushes = changes.everyFlush(SupervisorGateway.FLUSH_INTERVAL, new ContextScheduler(context()))
        .subscribe(this::flush, e -> LOG.atWarn().setCause(e).addKeyValue("session", sessionId).log("flushes stopped"));
    Duration linger = gateway.endedLinger();
    send(SupervisorMessages.welcome(sessionId, who, linger.toMillis()));
    // Join the feed before reading the snapshot: a change racing with it is then marked and sent again, never lost.
    gateway.feed().add(this);
    List<JsonObject> rows = gateway.feed().rowsFor(this);
    rows.forEach(row -> known.add(row.getString("callId")));
    send(SupervisorMessages.snapshot(rows, gateway.feed().kudosFor(this),
        gateway.feed().endedSince(this, Instant.now().minus(linger))));
  }

  private void flush(Set<String> changed) {
    // A socket closes before its close handler runs, and a closed socket refuses to say whether its queue is full.
    if (closing || socket.isClosed()) {
      return;
    }
    synchronized (unsent) {
      unsent.addAll(changed);
    }
    if (socket.writeQueueFull()) {
      // Skip rather than buffer: whatever is marked now is sent, as it is then, once the reader catches up.
      skippedFlushes++;
      return;
    }
    JsonObject notice;
    while (!socket.writeQueueFull() && (notice = notices.poll()) != null) {
      noticeCount.decrementAndGet();
      send(notice);
    }
    while (!socket.writeQueueFull()) {
      String callId;
      synchronized (unsent) {
        Iterator<String> next = unsent.iterator();
        if (!next.hasNext()) {
          break;
        }
        callId = next.next();
        next.remove();
      }
      String row = gateway.feed().rowText(callId);
      if (row != null) {
        known.add(callId);
        sendText(row);
      } else if (known.remove(callId)) {
        send(gateway.feed().endedFrame(callId)
            .orElseGet(() -> new JsonObject().put("type", "call.ended").put("callId", callId)));
      }
    }
    if (watching != null && !socket.writeQueueFull()) {
      flushDetail();
    }
  }

  private void flushDetail() {
    Optional<LiveCallView> found = gateway.feed().view(watching);
    if (found.isPresent()) {
      if (watchedNode != null) {
        // The call came here from the node that owned it (a resume): its view here starts afresh.
        watchedNode = null;
        watchReset = true;
      }
      JsonObject detail = found.get().detail(cursors, watchReset);
      watchReset = false;
      if (detail != null) {
        send(detail);
      }
      return;
    }
    Optional<String> owner = gateway.lookup().watchTarget(watching);
    if (owner.isEmpty()) {
      watching = null;
      return;
    }
    if (!owner.get().equals(watchedNode)) {
      watchedNode = owner.get();
      watchReset = true;
    }
    if (!asking) {
      askOwner(watching, watchedNode);
    }
  }

  /**
   * The watched call lives on another node: asks it for what is new, one question at a time. An owner that does not
   * answer (it may have just died) is said so once; the watch keeps asking and follows the call to a survivor.
   */
  private void askOwner(String callId, String node) {
    asking = true;
    boolean reset = watchReset;
    gateway.lookup().detail(node, callId, cursors.clone(), reset).onComplete(done -> {
      asking = false;
      if (closing || !callId.equals(watching) || !node.equals(watchedNode)) {
        return;
      }
      if (done.failed()) {
        if (!toldUnreachable) {
          toldUnreachable = true;
          send(unreachable(callId));
        }
        return;
      }
      toldUnreachable = false;
      JsonObject reply = done.result();
      JsonArray next = reply.getJsonArray("cursors");
      if (next == null) {
        // Not on that node (any more): the board drops or moves the call with the next batch.
        return;
      }
      for (int i = 0; i < cursors.length; i++) {
        cursors[i] = next.getLong(i);
      }
      if (reset) {
        watchReset = false;
      }
      JsonObject detail = reply.getJsonObject("detail");
      if (detail != null) {
        send(detail);
      }
    });
  }

  /** A detail with nothing new that says the owning node did not answer; the store still has the call's history. */
  private static JsonObject unreachable(String callId) {
    return new JsonObject().put("type", "call.detail").put("callId", callId).put("reset", false)
        .put("transcript", new JsonArray()).put("timeline", new JsonArray()).put("prompts", new JsonArray())
        .put("whispers", new JsonArray()).put("alerts", new JsonArray()).put("ownerUnreachable", true);
  }

  @Override
  protected void onText(String text, long receivedNanos) {
    if (closing) {
      return;
    }
    if (text.length() > MAX_MESSAGE_CHARS) {
      refuse(ErrorCode.TOO_LARGE, "supervisor frames are at most " + MAX_MESSAGE_CHARS + " characters", CLOSE_TOO_BIG);
      return;
    }
    SupervisorFrameReader.Read read = gateway.reader().read(text);
    if (identity() == null) {
      if (read instanceof SupervisorFrameReader.Read.Accepted hello && hello.type().equals("hello")) {
        hello(hello.json().getString("token"), this::admit);
      } else {
        refuseBeforeHello(read instanceof SupervisorFrameReader.Read.Refused refused ? refused.error() : null);
      }
      return;
    }
    if (read instanceof SupervisorFrameReader.Read.Refused refused) {
      error(refused.error(), null);
      return;
    }
    SupervisorFrameReader.Read.Accepted frame = (SupervisorFrameReader.Read.Accepted) read;
    switch (frame.type()) {
      case "whisper" -> whisper(frame.json());
      case "watch" -> watch(frame.json().getString("callId"));
      case "unwatch" -> watching = null;
      default -> send(SupervisorMessages.welcome(sessionId, identity(), gateway.endedLinger().toMillis()));
    }
  }

  private void whisper(JsonObject frame) {
    String callId = frame.getString("callId");
    String requestId = frame.getString("requestId");
    CallRegistry calls = gateway.calls();
    // Live here, or, in a cluster, live on the node whose row for it is on this board.
    Optional<String> team = calls.find(callId).map(CallSession::teamId).or(() -> gateway.feed().remoteTeam(callId));
    if (team.isPresent()) {
      if (!sees(team.get())) {
        error(notInScope(callId), requestId);
        return;
      }
      calls.whisper(callId, identity().userId(), frame.getString("text")).onComplete(result -> {
        if (result.failed()) {
          LOG.atWarn().addKeyValue("callId", callId).setCause(result.cause()).log("whisper failed");
          error(new ProtocolError(ErrorCode.UNKNOWN_CALL, "whisper could not be delivered", callId, null), requestId);
        } else if (result.result() == WhisperOutcome.NO_LIVE_CALL) {
          error(new ProtocolError(ErrorCode.CALL_ENDED, "call " + callId + " has ended", callId, null), requestId);
        } else {
          send(SupervisorMessages.whisperResult(callId, requestId, result.result()));
        }
      });
      return;
    }
    error(notLive(callId), requestId);
  }

  private void watch(String callId) {
    // Live here, or, in a cluster, live on the node whose row for it is on this board.
    Optional<String> team = gateway.feed().view(callId).map(view -> view.info.teamId())
        .or(() -> gateway.feed().remoteTeam(callId));
    if (team.isEmpty()) {
      error(notLive(callId), null);
      return;
    }
    if (!sees(team.get())) {
      error(notInScope(callId), null);
      return;
    }
    watching = callId;
    watchReset = true;
    watchedNode = null;
    toldUnreachable = false;
    java.util.Arrays.fill(cursors, 0);
    if (!socket.writeQueueFull()) {
      flushDetail();
    }
  }

  /** Why a call that is not live cannot be whispered to or watched: ended (in scope or not) or never seen. */
  private ProtocolError notLive(String callId) {
    return gateway.calls().endedCalls().find(callId)
        .map(ended -> sees(ended.teamId())
            ? new ProtocolError(ErrorCode.CALL_ENDED, "call " + callId + " has ended (" + ended.reason() + ")", callId, null)
            : notInScope(callId))
        .orElseGet(() -> new ProtocolError(ErrorCode.UNKNOWN_CALL, "no call " + callId, callId, null));
  }

  private static ProtocolError notInScope(String callId) {
    return new ProtocolError(ErrorCode.FORBIDDEN, "call " + callId + " is not in your teams", callId, null);
  }

  private void error(ProtocolError error, String requestId) {
    JsonObject json = ServerMessages.error(error);
    if (requestId != null) {
      json.put("requestId", requestId);
    }
    send(json);
  }

  @Override
  protected void afterClose() {
    flushes.dispose();
    synchronized (unsent) {
      unsent.clear();
    }
    notices.clear();
    gateway.feed().remove(this);
  }
}
