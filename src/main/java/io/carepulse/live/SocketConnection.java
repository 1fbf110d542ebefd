package io.carepulse.live;

import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.wire.ServerMessages;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.JsonObject;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every client socket shares, agent or supervisor: authenticated by the upgrade's bearer header or by a
 * {@code hello} with a token within the hello timeout (else {@code unauthorized} and close 4401); keep-alive pings,
 * closing 4408 when nothing was heard for the idle timeout; the transport rules of RFC 6455 (a text message must be
 * UTF-8, else 1007; binary messages are not part of the protocol, 1003; a frame that breaks the framing rules gets a
 * 1002 close frame, not a dropped connection); one frame budget for every data frame and ping, with one
 * {@code rate_limited} error per run of refused frames; backpressure (no more frames are read while the client does
 * not read what it is sent, and a socket whose write queue stays full past the stall bound is closed 1008); refusals
 * that send their error, then close; a drain that closes 1001 on shutdown. Subclasses read whole text messages and say
 * what admission means. State is touched on the connection's event loop only, except {@link #send}, which any thread
 * may call (Vert.x serialises writes).
 */
abstract class SocketConnection {

  private static final Logger LOG = LoggerFactory.getLogger(SocketConnection.class);

  static final short CLOSE_GOING_AWAY = 1001;
  static final short CLOSE_PROTOCOL_ERROR = 1002;
  static final short CLOSE_UNSUPPORTED_DATA = 1003;
  static final short CLOSE_INVALID_PAYLOAD = 1007;
  static final short CLOSE_POLICY_VIOLATION = 1008;
  static final short CLOSE_TOO_BIG = 1009;
  static final short CLOSE_UNAUTHORIZED = 4401;
  static final short CLOSE_FORBIDDEN = 4403;
  static final short CLOSE_IDLE = 4408;

  /**
   * After a refusal the client has this long to answer the close frame before TCP is closed under it: a client that
   * keeps sending (a flood) or never reads (the close frame waits behind a full queue) would otherwise hold the
   * connection, and cost decoding, for the whole close handshake.
   */
  private static final long REFUSED_LINGER_MILLIS = 2_000;

  /** RFC 6455 §5.5: a close frame's payload is at most 125 bytes, two of them the code. */
  private static final int MAX_CLOSE_REASON_BYTES = 123;

  protected final ServerWebSocket socket;
  protected final String sessionId = UUID.randomUUID().toString();
  private final SocketGateway<?> gateway;
  private final Context context;
  private final FrameBudget budget;
  private final String rateLimited;
  private final int maxMessageBytes;
  private final Promise<Void> closed = Promise.promise();
  /** The TCP connection under the socket, to end it when a refused client does not finish the close handshake. */
  private HttpConnection transport;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  /** Volatile so that other loops may ask who this is (kudos for an agent, the supervisor feed's scopes). */
  private volatile Identity identity;
  private long lastHeardNanos = System.nanoTime();
  private long helloTimer = -1;
  private long keepAliveTimer = -1;
  private long stallTimer = -1;
  private boolean rateLimitReported;
  /** Reasons reading is paused now (a token being verified, history being read, a full write queue). */
  private int readingHolds;
  /** Set (from any thread) once the write queue was seen full; cleared on this loop when it drains. */
  private volatile boolean backpressured;
  /** A fragmented message being assembled, bounded by the message limit. */
  private boolean assembling;
  /** The rest of a message whose first fragment was dropped over budget: dropped too. */
  private boolean discarding;
  private boolean assembledIsText;
  private Buffer assembled;
  private long assembledBytes;
  /** Set once nothing more is read or sent but errors (a refusal, a drain, the socket closed). */
  protected boolean closing;

  /**
   * {@code rateLimited}: the message of the error that tells a client its frames are being dropped;
   * {@code maxMessageBytes}: a larger message, fragmented or not, is refused with {@code too_large} and close 1009.
   */
  SocketConnection(SocketGateway<?> gateway, ServerWebSocket socket, Context context, int framesPerSecond,
                   int frameBurst, String rateLimited, int maxMessageBytes) {
    this.gateway = gateway;
    this.socket = socket;
    this.context = context;
    this.budget = new FrameBudget(framesPerSecond, frameBurst, lastHeardNanos);
    this.rateLimited = rateLimited;
    this.maxMessageBytes = maxMessageBytes;
  }

  /** One whole text message, valid UTF-8, within the size limit and the frame budget; {@link #heard()} was called. */
  protected abstract void onText(String text, long receivedNanos);

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
  final void open(Identity fromHeader, HttpConnection transport) {
    this.transport = transport;
    // Raw frames rather than Vert.x's message aggregation: above its message limit Vert.x drops a message silently,
    // it decodes invalid UTF-8 into U+FFFD, and it hands over binary messages whole; the protocol wants too_large and
    // 1009, 1007 and 1003 for those.
    socket.frameHandler(this::onFrame);
    socket.pongHandler(pong -> heard());
    socket.closeHandler(v -> onClosed());
    socket.exceptionHandler(this::onTransportError);
    socket.drainHandler(v -> writable());
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

  /** Stops reading frames until as many {@link #releaseReading()} calls; reasons nest. */
  protected final void holdReading() {
    if (readingHolds++ == 0) {
      socket.pause();
    }
  }

  protected final void releaseReading() {
    if (readingHolds > 0 && --readingHolds == 0) {
      socket.resume();
    }
  }

  private void onFrame(WebSocketFrame frame) {
    heard();
    WebSocketFrameType type = frame.type();
    if (closing || type == WebSocketFrameType.CLOSE || type == WebSocketFrameType.PONG) {
      return;
    }
    long now = System.nanoTime();
    if (type == WebSocketFrameType.PING) {
      // Vert.x has queued the pong already: a ping flood can only be refused by closing.
      if (!budget.take(now)) {
        closeFor(CLOSE_POLICY_VIOLATION, "more pings than the frame budget allows");
      }
      return;
    }
    boolean first = frame.isText() || frame.isBinary();
    if (first) {
      assembling = true;
      discarding = false;
      assembledIsText = frame.isText();
      assembled = null;
      assembledBytes = 0;
    } else if (!assembling && !discarding) {
      return; // the transport refuses a continuation without a start before it gets here
    }
    if (discarding || !withinBudget(now)) {
      assembling = false;
      assembled = null;
      discarding = !frame.isFinal();
      return;
    }
    if (!assembledIsText) {
      assembling = false;
      refuse(ErrorCode.INVALID, "binary frames are not accepted; send JSON as text frames", CLOSE_UNSUPPORTED_DATA);
      return;
    }
    Buffer data = frame.binaryData();
    assembledBytes += data.length();
    if (assembledBytes > maxMessageBytes) {
      assembling = false;
      assembled = null;
      refuse(ErrorCode.TOO_LARGE, "frame exceeds " + maxMessageBytes + " bytes", CLOSE_TOO_BIG);
      return;
    }
    if (!frame.isFinal()) {
      assembled = assembled == null ? Buffer.buffer().appendBuffer(data) : assembled.appendBuffer(data);
      return;
    }
    Buffer whole = assembled == null ? data : assembled.appendBuffer(data);
    assembling = false;
    assembled = null;
    String text;
    try {
      text = text(((BufferInternal) whole).getByteBuf());
    } catch (CharacterCodingException e) {
      closeFor(CLOSE_INVALID_PAYLOAD, "text frame is not valid UTF-8");
      return;
    }
    onText(text, now);
  }

  /**
   * The message as a String, refusing bytes that are not UTF-8. Most frames are ASCII: those are copied once, straight
   * into a compact String (the decoder's char buffer and its copy were half of all the service allocated, issue 14).
   */
  private String text(ByteBuf bytes) throws CharacterCodingException {
    if (bytes.forEachByte(SocketConnection::ascii) < 0) {
      return bytes.toString(StandardCharsets.US_ASCII);
    }
    return utf8.reset().decode(bytes.nioBuffer()).toString();
  }

  private static boolean ascii(byte value) {
    return value >= 0;
  }

  /**
   * Takes one frame from the budget. Over budget the frame is dropped, and the first of a run of dropped frames is
   * answered with {@code rate_limited} — unless the write queue is full, where an error would only wait behind the rest
   * (the client learns what was dropped from the next answers anyway).
   */
  private boolean withinBudget(long nowNanos) {
    if (budget.take(nowNanos)) {
      rateLimitReported = false;
      return true;
    }
    if (!rateLimitReported && !writeQueueFull()) {
      rateLimitReported = true;
      sendError(ProtocolError.of(ErrorCode.RATE_LIMITED, rateLimited));
    }
    return false;
  }

  /** Netty refused a frame (framing rules, a close frame's code or reason): say so with the close code it names. */
  private void onTransportError(Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException corrupted && !closing) {
      LOG.atDebug().addKeyValue("session", sessionId).log("protocol violation: {}", e.getMessage());
      int code = corrupted.closeStatus() == null ? CLOSE_PROTOCOL_ERROR : corrupted.closeStatus().code();
      closeFor((short) code, e.getMessage() == null ? "protocol violation" : e.getMessage());
      flushNow();
    } else {
      LOG.atDebug().addKeyValue("session", sessionId).log("socket failed: {}", e.toString());
    }
  }

  /** A transport-level close (no error frame): the close frame alone says why. */
  protected final void closeFor(short code, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    socket.close(code, fitCloseReason(reason));
    stopReadingAfterRefusal();
  }

  /**
   * Writes the queued frames to TCP now. Vert.x holds back a write made while it is handing a read batch over and
   * flushes when the batch ends; after Netty refused a frame it closes the channel within that batch, which discards
   * what was held. The close frame was lost that way whenever the refused frame came in one TCP read after a frame
   * that had been handed over (a new message inside a fragmented one).
   */
  private void flushNow() {
    if (transport instanceof io.vertx.core.net.impl.ConnectionBase connection) {
      connection.channel().flush();
    }
  }

  /** Nothing more is read from a refused client, and TCP ends after the linger whatever the client does. */
  private void stopReadingAfterRefusal() {
    holdReading();
    gateway.vertx().setTimer(REFUSED_LINGER_MILLIS, id -> {
      if (!closed.future().isComplete() && transport != null) {
        abort(transport);
      }
    });
  }

  /**
   * Ends TCP now. Vert.x's own close waits for the write queue to flush first, which never happens for a client that
   * does not read; only the channel itself (an implementation class, no public API says this) closes at once.
   */
  private static void abort(HttpConnection transport) {
    if (transport instanceof io.vertx.core.net.impl.ConnectionBase connection) {
      // From the first handler's context the close goes straight to the transport, past Vert.x's handler, which would
      // flush what is queued first.
      var first = connection.channel().pipeline().firstContext();
      if (first != null) {
        first.close();
      } else {
        connection.channel().close();
      }
    } else {
      transport.close();
    }
  }

  static String fitCloseReason(String reason) {
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_CLOSE_REASON_BYTES) {
      return reason;
    }
    String cut = reason.substring(0, Math.min(reason.length(), MAX_CLOSE_REASON_BYTES));
    while (cut.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
      cut = cut.substring(0, cut.length() - 1);
    }
    return cut;
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
    holdReading();
    gateway.jwt().verify(token).onComplete(result -> {
      releaseReading();
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
      write(ServerMessages.encode(message));
    }
  }

  /** Thread-safe: a message already encoded (never an error), sent unless closing. */
  void sendText(String message) {
    if (!closing) {
      write(message);
    }
  }

  private void write(String text) {
    socket.writeTextMessage(text);
    if (!backpressured && writeQueueFull()) {
      backpressured = true;
      // On this loop at once, so that not one more frame of a read batch is handled; from a call's loop, soon.
      if (Vertx.currentContext() == context) {
        stopReadingUntilDrained();
      } else {
        context.runOnContext(v -> stopReadingUntilDrained());
      }
    }
  }

  /** False once the socket closed (a closed Vert.x socket throws when asked). */
  protected final boolean writeQueueFull() {
    try {
      return !socket.isClosed() && socket.writeQueueFull();
    } catch (IllegalStateException closedMeanwhile) {
      return false;
    }
  }

  /**
   * The client does not read what it is sent: read nothing more from it (each frame read would queue more answers),
   * and close it if its queue stays full for the stall bound.
   */
  private void stopReadingUntilDrained() {
    if (closing || stallTimer >= 0 || !backpressured) {
      return;
    }
    holdReading();
    long stallMillis = gateway.settings().writeStallTimeout().toMillis();
    stallTimer = gateway.vertx().setTimer(stallMillis, id -> {
      stallTimer = -1;
      if (backpressured && writeQueueFull()) {
        LOG.atDebug().addKeyValue("session", sessionId).log("closing a socket that does not read");
        closeFor(CLOSE_POLICY_VIOLATION, "the client did not read for " + stallMillis + " ms");
      } else {
        backpressured = false;
        releaseReading();
      }
    });
  }

  private void writable() {
    if (!backpressured) {
      return;
    }
    backpressured = false;
    if (stallTimer >= 0) {
      gateway.vertx().cancelTimer(stallTimer);
      stallTimer = -1;
      releaseReading();
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
    stopReadingAfterRefusal();
  }

  /** Closes 1001 ("going away"): frames still buffered are ignored, never applied. */
  protected final Future<Void> closeGoingAway() {
    closing = true;
    // Reading must resume, or the client's close reply is never seen and the close handshake waits for its timeout.
    readingHolds = 0;
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
    } else if (!closing && !backpressured) {
      socket.writePing(Buffer.buffer());
    }
  }

  private void onClosed() {
    closing = true;
    if (helloTimer >= 0) {
      gateway.vertx().cancelTimer(helloTimer);
    }
    if (stallTimer >= 0) {
      gateway.vertx().cancelTimer(stallTimer);
    }
    gateway.vertx().cancelTimer(keepAliveTimer);
    assembled = null;
    afterClose();
    closed.complete();
  }
}
