package io.carepulse.live;

import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every client socket shares, agent or supervisor: authenticated by the upgrade's bearer header or by a
 * {@code hello} with a token within the hello timeout (else {@code unauthorized} and close 4401); keep-alive pings,
 * closing 4408 when nothing was heard for the idle timeout; a frame budget with one {@code rate_limited} error per run
 * of refused frames; refusals that send their error, then close; a drain that closes 1001 on shutdown. Subclasses
 * read their own frames and say what admission means. State is touched on the connection's event loop only, except
 * {@link #send}, which any thread may call (Vert.x serialises writes).
 */
abstract class SocketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);

  static final short CLOSE_GOING_AWAY = 1001;
  static final short CLOSE_TOO_BIG = 1009;
  static final short CLOSE_UNAUTHORIZED = 4401;
  static final short CLOSE_FORBIDDEN = 4403;
  static final short CLOSE_IDLE = 4408;

  protected final ServerWebSocket socket;
  protected final String sessionId = UUID.randomUUID().toString();
  private final SocketGateway<?> gateway;
  private final Context context;
  private final FrameBudget budget;
  private final String rateLimited;
  private final Promise<Void> closed = Promise.promise();

  /** Volatile so that other loops may ask who this is (kudos for an agent, the supervisor feed's scopes). */
  private volatile Identity identity;
  private long lastHeardNanos = System.nanoTime();
  private long helloTimer = -1;
  private long keepAliveTimer = -1;
  private boolean rateLimitReported;
  /** Set once nothing more is read or sent but errors (a refusal, a drain, the socket closed). */
  protected boolean closing;

  /** {@code rateLimited}: the message of the error that tells a client its frames are being dropped. */
  SocketConnection(SocketGateway<?> gateway, ServerWebSocket socket, Context context, int framesPerSecond,
                   int frameBurst, String rateLimited) {
    this.gateway = gateway;
    this.socket = socket;
    this.context = context;
    this.budget = new FrameBudget(framesPerSecond, frameBurst, lastHeardNanos);
    this.rateLimited = rateLimited;
  }

  /** Installs the handlers that read this kind of socket's frames; each frame calls {@link #heard()}. */
  protected abstract void listen();

  /** Runs once the connection is authenticated by the upgrade's header; {@link #identity()} is set. */
  protected abstract void admittedByHeader();

  /** Runs on this loop once the socket is closed, before the gateway forgets the connection. */
  protected void afterClose() {
  }

  /** Shutdown: by default close 1001 at once so the client reconnects elsewhere. */
  Future<Void> drain() {
    return closeGoingAway();
  }

  /** Starts serving; {@code fromHeader} is set when the upgrade request carried a valid bearer token. */
  final void open(Identity fromHeader) {
    listen();
    socket.pongHandler(pong -> heard());
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(e -> LOG.atDebug().addKeyValue("session", sessionId).log("socket failed: {}", e.toString()));
    long idleMillis = gateway.settings().idleTimeout().toMillis();
    // Ping often enough that a live client answers well within the idle timeout.
    keepAliveTimer = gateway.vertx().setPeriodic(Math.max(10, idleMillis / 3), id -> keepAlive(idleMillis));
    if (fromHeader != null) {
      identity = fromHeader;
      admittedByHeader();
    } else {
      long helloMillis = gateway.settings().helloTimeout().toMillis();
      helloTimer = gateway.vertx().setTimer(helloMillis, id -> {
        helloTimer = -1;
        if (identity == null) {
          refuse(ErrorCode.UNAUTHORIZED, "no hello with a valid token within " + helloMillis + " ms", CLOSE_UNAUTHORIZED);
        }
      });
    }
  }

  Context context() {
    return context;
  }

  /** Completes once the socket has closed and the connection let go of what it held. */
  final Future<Void> closed() {
    return closed.future();
  }

  final Identity identity() {
    return identity;
  }

  /** Something arrived from the client: it is alive. */
  protected final void heard() {
    lastHeardNanos = System.nanoTime();
  }

  /**
   * Takes one frame from the budget. Over budget the frame is dropped, and the first of a run of dropped frames is
   * answered with {@code rate_limited} — unless the write queue is full, where an error would only wait behind the rest
   * (the client learns what was dropped from the next answers anyway).
   */
  protected final boolean withinBudget(long nowNanos) {
    if (budget.take(nowNanos)) {
      rateLimitReported = false;
      return true;
    }
    if (!rateLimitReported && !socket.writeQueueFull()) {
      rateLimitReported = true;
      sendError(ProtocolError.of(ErrorCode.RATE_LIMITED, rateLimited));
    }
    return false;
  }

  /**
   * The first frame of a socket that is not authenticated yet is not a hello with a token: answer {@code refusal}
   * (the reader's error, when it refused the frame), then refuse the socket.
   */
  protected final void refuseBeforeHello(ProtocolError refusal) {
    if (refusal != null) {
      sendError(refusal);
      refuse(ErrorCode.UNAUTHORIZED, "the first frame must be a valid hello with a token", CLOSE_UNAUTHORIZED);
    } else {
      refuse(ErrorCode.UNAUTHORIZED, "the first frame must be hello with a token (or authenticate the upgrade)",
          CLOSE_UNAUTHORIZED);
    }
  }

  /** A hello's token: verified with reading paused; {@code admitted} runs once the connection is authenticated. */
  protected final void hello(String token, Runnable admitted) {
    socket.pause();
    gateway.jwt().verify(token).onComplete(result -> {
      socket.resume();
      if (closing) {
        return;
      }
      if (result.failed()) {
        refuse(ErrorCode.UNAUTHORIZED, JwtAuth.refusal(result.cause()), CLOSE_UNAUTHORIZED);
      } else if (!gateway.admits(result.result())) {
        refuse(ErrorCode.FORBIDDEN, gateway.forbidden(result.result()), CLOSE_FORBIDDEN);
      } else {
        identity = result.result();
        if (helloTimer >= 0) {
          gateway.vertx().cancelTimer(helloTimer);
          helloTimer = -1;
        }
        admitted.run();
      }
    });
  }

  /** Thread-safe. Once closing, only errors still go out (the refusal that explains the close). */
  void send(JsonObject message) {
    if (!closing || "error".equals(message.getString("type"))) {
      socket.writeTextMessage(ServerMessages.encode(message));
    }
  }

  /** Thread-safe: a message already encoded (never an error), sent unless closing. */
  void sendText(String message) {
    if (!closing) {
      socket.writeTextMessage(message);
    }
  }

  protected void sendError(ProtocolError error) {
    send(ServerMessages.error(error));
  }

  /** Sends the error, then closes with {@code closeCode}; nothing more is read from this socket. */
  protected final void refuse(ErrorCode code, String message, short closeCode) {
    if (closing) {
      return;
    }
    sendError(ProtocolError.of(code, message));
    closing = true;
    socket.close(closeCode, code.wire());
  }

  /** Closes 1001 ("going away"): frames still buffered are ignored, never applied. */
  protected final Future<Void> closeGoingAway() {
    closing = true;
    // Reading must resume, or the client's close reply is never seen and the close handshake waits for its timeout.
    socket.resume();
    Promise<Void> done = Promise.promise();
    socket.close(CLOSE_GOING_AWAY, "server shutting down").onComplete(v -> done.complete());
    return done.future();
  }

  private void keepAlive(long idleMillis) {
    if ((System.nanoTime() - lastHeardNanos) / 1_000_000 > idleMillis) {
      LOG.atDebug().addKeyValue("session", sessionId).log("closing an idle connection");
      closing = true;
      socket.close(CLOSE_IDLE, "idle timeout");
    } else if (!closing) {
      socket.writePing(Buffer.buffer());
    }
  }

  private void onClosed() {
    closing = true;
    if (helloTimer >= 0) {
      gateway.vertx().cancelTimer(helloTimer);
    }
    gateway.vertx().cancelTimer(keepAliveTimer);
    afterClose();
    closed.complete();
  }
}
