package io.carepulse.live;

import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.wire.SupervisorFrameReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisor's WebSocket. Changes are conflated, never queued: the feed only marks a call as changed (a set of
 * call ids, so at most one entry per call in scope), and every {@link SupervisorGateway#FLUSH_INTERVAL} this
 * connection sends the <em>current</em> row of each changed call — so at most four rows per call per second, and a
 * supervisor that fell behind catches up with the present, not with a backlog. When the socket's write queue is full
 * the flush stops and leaves the rest marked: memory per supervisor is bounded by the calls in its scope plus
 * {@link #MAX_NOTICES} alert/kudos messages, whatever the reader does. Its own state is touched on its event loop;
 * {@link #changed}, {@link #ended} and {@link #notice} are called from call loops and only touch concurrent sets.
 */
final class SupervisorConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SupervisorConnection.class);

  /** Alert and kudos messages waiting; beyond this the oldest are dropped (rows still carry the open alerts). */
  static final int MAX_NOTICES = 64;
  /** Supervisor frames are tiny; anything larger is a mistake or an attack. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024;

  private final SupervisorGateway gateway;
  private final ServerWebSocket socket;
  private final Context context;
  private final String sessionId = UUID.randomUUID().toString();
  private final FrameBudget budget;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  /** Calls this supervisor has been sent a row of: it is told when they end. */
  private final Set<String> known = ConcurrentHashMap.newKeySet();
  private final ConcurrentLinkedQueue<JsonObject> notices = new ConcurrentLinkedQueue<>();
  private final AtomicInteger noticeCount = new AtomicInteger();

  private volatile Identity identity;
  private volatile long skippedFlushes;
  private long lastHeardNanos = System.nanoTime();
  private long helloTimer = -1;
  private long keepAliveTimer = -1;
  private long flushTimer = -1;
  private boolean closing;
  private boolean rateLimitReported;
  private String watching;
  private boolean watchReset;
  private final long[] cursors = new long[5];

  SupervisorConnection(SupervisorGateway gateway, ServerWebSocket socket, Context context) {
    this.gateway = gateway;
    this.socket = socket;
    this.context = context;
    this.budget = new FrameBudget(20, 40, lastHeardNanos);
  }

  void open(Identity headerIdentity) {
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(data -> error(ProtocolError.of(ErrorCode.INVALID, "binary frames are not accepted"), null));
    socket.pongHandler(pong -> lastHeardNanos = System.nanoTime());
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.debug("supervisor socket failed: {}", e.toString()));
    long idleMillis = gateway.config().idleTimeout().toMillis();
    keepAliveTimer = gateway.vertx().setPeriodic(Math.max(10, idleMillis / 3), id -> keepAlive(idleMillis));
    if (headerIdentity != null) {
      admit(headerIdentity);
    } else {
      helloTimer = gateway.vertx().setTimer(gateway.config().helloTimeout().toMillis(), id -> {
        helloTimer = -1;
        if (identity == null) {
          refuse(ErrorCode.UNAUTHORIZED, "no hello with a valid token within "
              + gateway.config().helloTimeout().toMillis() + " ms", AgentConnection.CLOSE_UNAUTHORIZED);
        }
      });
    }
  }

  // ---- called from call event loops: cheap, non-blocking, bounded

  boolean sees(String teamId) {
    Identity who = identity;
    return who != null && (who.role() == Role.ADMIN || teamId != null && who.teams().contains(teamId));
  }

  void changed(String callId) {
    dirty.add(callId);
  }

  void ended(String callId) {
    if (known.contains(callId)) {
      dirty.add(callId);
    }
  }

  void notice(JsonObject message) {
    notices.add(message);
    if (noticeCount.incrementAndGet() > MAX_NOTICES && notices.poll() != null) {
      noticeCount.decrementAndGet();
    }
  }

  int pending() {
    return dirty.size() + noticeCount.get();
  }

  long skippedFlushes() {
    return skippedFlushes;
  }

  // ---- everything below runs on this connection's event loop

  private void admit(Identity who) {
    identity = who;
    if (helloTimer >= 0) {
      gateway.vertx().cancelTimer(helloTimer);
      helloTimer = -1;
    }
    Duration linger = gateway.config().dashboardLinger();
    send(SupervisorMessages.welcome(sessionId, who, linger.toMillis()));
    // Join the feed before reading the snapshot: a change racing with it is then marked and sent again, never lost.
    gateway.feed().add(this);
    List<JsonObject> rows = gateway.feed().rowsFor(this);
    rows.forEach(row -> known.add(row.getString("callId")));
    send(SupervisorMessages.snapshot(rows, gateway.feed().kudosFor(this),
        gateway.feed().endedSince(this, Instant.now().minus(linger))));
    flushTimer = gateway.vertx().setPeriodic(SupervisorGateway.FLUSH_INTERVAL.toMillis(), id -> flush());
  }

  private void flush() {
    if (closing) {
      return;
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
    for (Iterator<String> it = dirty.iterator(); it.hasNext() && !socket.writeQueueFull(); ) {
      String callId = it.next();
      it.remove();
      JsonObject row = gateway.feed().row(callId);
      if (row != null) {
        known.add(callId);
        send(row);
      } else if (known.remove(callId)) {
        send(gateway.feed().view(callId).map(LiveCallView::ended)
            .orElseGet(() -> new JsonObject().put("type", "call.ended").put("callId", callId)));
      }
    }
    if (watching != null && !socket.writeQueueFull()) {
      flushDetail();
    }
  }

  private void flushDetail() {
    Optional<LiveCallView> found = gateway.feed().view(watching);
    if (found.isEmpty()) {
      watching = null;
      return;
    }
    LiveCallView view = found.get();
    List<RecentItems<JsonObject>> parts = List.of(view.transcript, view.timeline, view.prompts, view.whispers,
        view.alertLog);
    String[] names = {"transcript", "timeline", "prompts", "whispers", "alerts"};
    JsonObject detail = new JsonObject().put("type", "call.detail").put("callId", watching).put("reset", watchReset);
    boolean anything = watchReset;
    for (int i = 0; i < parts.size(); i++) {
      RecentItems.Slice<JsonObject> slice = parts.get(i).since(cursors[i]);
      cursors[i] = slice.next();
      anything |= !slice.items().isEmpty();
      detail.put(names[i], new JsonArray(List.copyOf(slice.items())));
    }
    if (watchReset) {
      JsonObject row = view.row();
      detail.put("call", row != null ? row : view.ended());
    }
    watchReset = false;
    if (anything) {
      send(detail);
    }
  }

  private void onText(String text) {
    lastHeardNanos = System.nanoTime();
    if (closing) {
      return;
    }
    if (text.length() > MAX_MESSAGE_CHARS) {
      refuse(ErrorCode.TOO_LARGE, "supervisor frames are at most " + MAX_MESSAGE_CHARS + " characters",
          AgentConnection.CLOSE_TOO_BIG);
      return;
    }
    if (!budget.take(System.nanoTime())) {
      if (!rateLimitReported) {
        rateLimitReported = true;
        error(ProtocolError.of(ErrorCode.RATE_LIMITED, "more than 20 frames/s; frames were dropped"), null);
      }
      return;
    }
    rateLimitReported = false;
    SupervisorFrameReader.Read read = gateway.reader().read(text);
    if (read instanceof SupervisorFrameReader.Read.Refused refused) {
      error(refused.error(), null);
      if (identity == null) {
        refuse(ErrorCode.UNAUTHORIZED, "the first frame must be a valid hello with a token",
            AgentConnection.CLOSE_UNAUTHORIZED);
      }
      return;
    }
    SupervisorFrameReader.Read.Accepted frame = (SupervisorFrameReader.Read.Accepted) read;
    if (identity == null) {
      if (frame.type().equals("hello")) {
        authenticate(frame.json().getString("token"));
      } else {
        refuse(ErrorCode.UNAUTHORIZED, "the first frame must be hello with a token (or authenticate the upgrade)",
            AgentConnection.CLOSE_UNAUTHORIZED);
      }
      return;
    }
    switch (frame.type()) {
      case "whisper" -> whisper(frame.json());
      case "watch" -> watch(frame.json().getString("callId"));
      case "unwatch" -> watching = null;
      default -> send(SupervisorMessages.welcome(sessionId, identity, gateway.config().dashboardLinger().toMillis()));
    }
  }

  private void authenticate(String token) {
    socket.pause();
    gateway.jwt().verify(token).onComplete(result -> {
      socket.resume();
      if (closing) {
        return;
      }
      if (result.failed()) {
        refuse(ErrorCode.UNAUTHORIZED, result.cause() instanceof JwtAuth.AuthFailure
            ? result.cause().getMessage() : "token rejected", AgentConnection.CLOSE_UNAUTHORIZED);
      } else if (!SupervisorGateway.mayUse(result.result())) {
        refuse(ErrorCode.FORBIDDEN, "role " + result.result().role().wire() + " may not use /v1/supervisor",
            AgentConnection.CLOSE_FORBIDDEN);
      } else {
        admit(result.result());
      }
    });
  }

  private void whisper(JsonObject frame) {
    String callId = frame.getString("callId");
    String requestId = frame.getString("requestId");
    CallRegistry calls = gateway.calls();
    Optional<CallSession> live = calls.find(callId);
    if (live.isPresent()) {
      if (!sees(live.get().teamId())) {
        error(notInScope(callId), requestId);
        return;
      }
      calls.whisper(callId, identity.userId(), frame.getString("text")).onComplete(result -> {
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
    Optional<LiveCallView> view = gateway.feed().view(callId);
    if (view.isEmpty()) {
      error(notLive(callId), null);
      return;
    }
    if (!sees(view.get().info.teamId())) {
      error(notInScope(callId), null);
      return;
    }
    watching = callId;
    watchReset = true;
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
    JsonObject json = error.toJson();
    if (requestId != null) {
      json.put("requestId", requestId);
    }
    send(json);
  }

  private void send(JsonObject message) {
    if (!closing || "error".equals(message.getString("type"))) {
      socket.writeTextMessage(message.encode());
    }
  }

  private void refuse(ErrorCode code, String message, short closeCode) {
    if (closing) {
      return;
    }
    error(ProtocolError.of(code, message), null);
    closing = true;
    socket.close(closeCode, code.wire());
  }

  private void keepAlive(long idleMillis) {
    if ((System.nanoTime() - lastHeardNanos) / 1_000_000 > idleMillis) {
      closing = true;
      socket.close(AgentConnection.CLOSE_IDLE, "idle timeout");
    } else if (!closing) {
      socket.writePing(Buffer.buffer());
    }
  }

  Future<Void> close() {
    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
    context.runOnContext(v -> {
      closing = true;
      socket.close(AgentConnection.CLOSE_GOING_AWAY, "server shutting down").onComplete(r -> closed.complete());
    });
    return closed.future();
  }

  private void onClosed() {
    closing = true;
    for (long timer : new long[] {helloTimer, keepAliveTimer, flushTimer}) {
      if (timer >= 0) {
        gateway.vertx().cancelTimer(timer);
      }
    }
    dirty.clear();
    notices.clear();
    gateway.forget(this);
  }
}
