package io.carepulse.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One benchmark call on its own WebSocket, as a softphone plugin runs it: {@code hello} with its token, then frames
 * in seq order when its {@link CallFleet} says they are due, never waiting for answers (open loop). It remembers when
 * each unacknowledged frame was scheduled so that the answer can be timed. Lives on its fleet's event loop only.
 */
final class BenchCall {

  /** Frames a call may have unacknowledged; at 12 frames/s that is over a minute of silence from the server. */
  static final int RING = 1 << 10;

  private enum State { CONNECTING, LIVE, ENDING, CLOSED }

  private final CallFleet fleet;
  private final String callId;
  private final byte[] callIdBytes;
  private final String token;
  private final FrameMix.Script script;
  private final long[] scheduledAt = new long[RING];
  private final int[] stepOf = new int[RING];
  private final boolean[] scored = new boolean[RING];

  private ClientWebSocket socket;
  private State state = State.CONNECTING;
  private Promise<Boolean> welcomed;
  private Promise<Void> settled;
  private long settleAt = Long.MAX_VALUE;
  private long nextSeq = 1;
  private long acked;
  private long firstTs = -1;
  /** Only a server that scores at all (not the echo baseline) owes scores; unanswered ones count against it then. */
  private boolean scoresSeen;

  BenchCall(CallFleet fleet, String callId, String token, FrameMix.Script script) {
    this.fleet = fleet;
    this.callId = callId;
    this.callIdBytes = callId.getBytes(StandardCharsets.UTF_8);
    this.token = token;
    this.script = script;
  }

  /** Connects and says hello; true once welcomed, false when the server would not have this call. */
  Future<Boolean> connect(WebSocketClient client, WebSocketConnectOptions options) {
    welcomed = Promise.promise();
    ClientWebSocket webSocket = client.webSocket();
    socket = webSocket;
    // Raw bytes of each answer (the server sends every message as one text frame): scanned without decoding to text.
    webSocket.handler(this::onMessage);
    webSocket.closeHandler(v -> onClose());
    webSocket.exceptionHandler(e -> fleet.connectionProblem(callId + ": " + e.getMessage()));
    webSocket.connect(options).onComplete(result -> {
      if (result.failed()) {
        state = State.CLOSED;
        fleet.connectionProblem(callId + ": cannot connect: " + result.cause().getMessage());
        welcomed.tryComplete(false);
      } else {
        webSocket.writeTextMessage(FrameMix.hello(token));
      }
    });
    return welcomed.future();
  }

  boolean live() {
    return state == State.LIVE;
  }

  long unacknowledged() {
    return nextSeq - 1 - acked;
  }

  /** Sends the next frame, due at {@code scheduledNanos}; {@code step} is the window it counts for, or -1. */
  void send(long scheduledNanos, int step, long wallMillis) {
    if (state != State.LIVE || nextSeq - acked >= RING) {
      fleet.notSent(step);
      return;
    }
    long seq = nextSeq++;
    int slot = (int) (seq & (RING - 1));
    scheduledAt[slot] = scheduledNanos;
    stepOf[slot] = step;
    scored[slot] = false;
    if (firstTs < 0) {
      firstTs = wallMillis;
    }
    // A text frame around bytes written once: no String, no encoding on the generator's side.
    socket.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, script.frameBytes(seq, wallMillis,
        wallMillis - firstTs), true));
    fleet.sent(step, scheduledNanos);
  }

  /** Ends the call with call.end; the future completes when it is acknowledged and the socket is closed. */
  Future<Void> end(long wallMillis, long deadlineNanos) {
    settled = Promise.promise();
    if (state != State.LIVE) {
      closeQuietly();
      return settled.future();
    }
    state = State.ENDING;
    long seq = nextSeq++;
    int slot = (int) (seq & (RING - 1));
    scheduledAt[slot] = System.nanoTime();
    stepOf[slot] = -1;
    scored[slot] = false;
    settleAt = seq;
    socket.writeTextMessage(script.end(seq, wallMillis));
    return settled.future();
  }

  /** Frames of {@code step} still unacknowledged now: recorded with their age, so a stalled server cannot look fast. */
  void sweep(int step, long now, StepTally tally) {
    for (long seq = acked + 1; seq < nextSeq; seq++) {
      int slot = (int) (seq & (RING - 1));
      if (stepOf[slot] == step) {
        long age = now - scheduledAt[slot];
        StepTally.record(tally.ack, age);
        if (scoresSeen && FrameMix.Script.scoreDue(seq) && !scored[slot]) {
          StepTally.record(tally.score, age);
        }
        tally.unanswered++;
        stepOf[slot] = -1;
      }
    }
  }

  void closeQuietly() {
    if (state != State.CLOSED) {
      state = State.CLOSED;
      if (socket != null) {
        socket.close();
      }
    }
    if (settled != null) {
      settled.tryComplete();
    }
  }

  private void onClose() {
    if (state == State.LIVE || state == State.CONNECTING) {
      fleet.unexpectedClose(callId);
    }
    state = State.CLOSED;
    if (welcomed != null) {
      welcomed.tryComplete(false);
    }
    if (settled != null) {
      settled.tryComplete();
    }
  }

  // ---- answers. The server's messages are scanned as bytes, not parsed: their first fields are type, callId and seq
  // in that order, and parsing a whole score (parts, reasons) for every frame would spend the generator's CPU.

  private void onMessage(Buffer text) {
    long now = System.nanoTime();
    fleet.received(now);
    int type = typeEnd(text);
    if (type < 0) {
      fleet.error(-1, "unreadable message: " + abbreviate(text.toString(StandardCharsets.UTF_8)));
      return;
    }
    if (is(text, type, "ack")) {
      if (forThisCall(text, type)) {
        onAck(number(text, SEQ_KEY), now);
      }
    } else if (is(text, type, "score")) {
      if (forThisCall(text, type)) {
        onScore(number(text, SEQ_KEY), now);
      }
    } else if (is(text, type, "prompt")) {
      fleet.prompt();
    } else if (is(text, type, "welcome")) {
      if (state == State.CONNECTING) {
        state = State.LIVE;
        welcomed.tryComplete(true);
      }
    } else if (is(text, type, "error")) {
      onError(text.toString(StandardCharsets.UTF_8));
    }
  }

  private void onAck(long seq, long now) {
    if (seq < 0) {
      return;
    }
    long upTo = Math.min(seq, nextSeq - 1);
    for (long s = acked + 1; s <= upTo; s++) {
      int slot = (int) (s & (RING - 1));
      int step = stepOf[slot];
      if (step >= 0) {
        fleet.acked(step, now - scheduledAt[slot], scoresSeen && FrameMix.Script.scoreDue(s) && !scored[slot]);
        stepOf[slot] = -1;
      }
    }
    acked = Math.max(acked, upTo);
    if (state == State.ENDING && acked >= settleAt) {
      closeQuietly();
    }
  }

  private void onScore(long seq, long now) {
    scoresSeen = true;
    if (seq <= acked || seq >= nextSeq) {
      return;
    }
    int slot = (int) (seq & (RING - 1));
    if (!FrameMix.Script.scoreDue(seq)) {
      fleet.extraScore(stepOf[slot]);
    } else if (!scored[slot]) {
      scored[slot] = true;
      if (stepOf[slot] >= 0) {
        fleet.scored(stepOf[slot], now - scheduledAt[slot]);
      }
    }
  }

  private void onError(String text) {
    JsonObject error = new JsonObject(text);
    Long seq = error.getLong("seq");
    int step = -1;
    if (seq != null && seq > acked && seq < nextSeq) {
      step = stepOf[(int) (seq & (RING - 1))];
    }
    fleet.error(step, error.getString("code", "?") + ": " + error.getString("message", ""));
    if (state == State.CONNECTING) {
      welcomed.tryComplete(false);
    }
  }

  private static final byte[] TYPE_PREFIX = "{\"type\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CALL_ID_KEY = "\",\"callId\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

  /** Answers are matched by callId and seq; the callId normally sits right after the type. */
  private boolean forThisCall(Buffer text, int typeEnd) {
    int at = typeEnd + CALL_ID_KEY.length;
    if (startsWith(text, typeEnd, CALL_ID_KEY) && startsWith(text, at, callIdBytes)
        && text.length() > at + callIdBytes.length && text.getByte(at + callIdBytes.length) == '"') {
      return true;
    }
    return text.toString(StandardCharsets.UTF_8).contains("\"callId\":\"" + callId + "\"");
  }

  /** Where the type's closing quote is, or -1 when the message does not start with a type. */
  private static int typeEnd(Buffer text) {
    if (!startsWith(text, 0, TYPE_PREFIX)) {
      return -1;
    }
    for (int i = TYPE_PREFIX.length; i < text.length(); i++) {
      if (text.getByte(i) == '"') {
        return i;
      }
    }
    return -1;
  }

  private static boolean is(Buffer text, int typeEnd, String type) {
    if (typeEnd - TYPE_PREFIX.length != type.length()) {
      return false;
    }
    for (int i = 0; i < type.length(); i++) {
      if (text.getByte(TYPE_PREFIX.length + i) != type.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(Buffer text, int at, byte[] prefix) {
    if (at < 0 || text.length() < at + prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (text.getByte(at + i) != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static long number(Buffer text, byte[] key) {
    int at = -1;
    for (int i = 0; i + key.length <= text.length(); i++) {
      if (startsWith(text, i, key)) {
        at = i;
        break;
      }
    }
    if (at < 0) {
      return -1;
    }
    long value = 0;
    boolean any = false;
    for (int i = at + key.length; i < text.length(); i++) {
      byte c = text.getByte(i);
      if (c < '0' || c > '9') {
        break;
      }
      value = value * 10 + (c - '0');
      any = true;
    }
    return any ? value : -1;
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
