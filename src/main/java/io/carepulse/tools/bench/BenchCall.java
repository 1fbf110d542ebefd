package io.carepulse.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

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
    this.token = token;
    this.script = script;
  }

  /** Connects and says hello; true once welcomed, false when the server would not have this call. */
  Future<Boolean> connect(WebSocketClient client, WebSocketConnectOptions options) {
    welcomed = Promise.promise();
    ClientWebSocket webSocket = client.webSocket();
    socket = webSocket;
    webSocket.textMessageHandler(this::onMessage);
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
    socket.writeTextMessage(script.frame(seq, wallMillis, wallMillis - firstTs));
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

  // ---- answers. The server's messages are scanned, not parsed: their first fields are type, callId and seq in that
  // order, and parsing a whole score (parts, reasons) for every frame would spend the generator's share of the CPU.

  private void onMessage(String text) {
    long now = System.nanoTime();
    fleet.received(now);
    String type = type(text);
    if (type == null) {
      fleet.error(-1, "unreadable message: " + abbreviate(text));
      return;
    }
    switch (type) {
      case "ack" -> {
        if (forThisCall(text, type)) {
          onAck(number(text, "\"seq\":"), now);
        }
      }
      case "score" -> {
        if (forThisCall(text, type)) {
          onScore(number(text, "\"seq\":"), now);
        }
      }
      case "prompt" -> fleet.prompt();
      case "welcome" -> {
        if (state == State.CONNECTING) {
          state = State.LIVE;
          welcomed.tryComplete(true);
        }
      }
      case "error" -> onError(text);
      default -> {
      }
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

  /** Answers are matched by callId and seq; the callId normally sits right after the type. */
  private boolean forThisCall(String text, String type) {
    int at = "{\"type\":\"".length() + type.length() + "\",\"callId\":\"".length();
    if (text.startsWith(callId, at) && text.length() > at + callId.length() && text.charAt(at + callId.length()) == '"') {
      return true;
    }
    return text.contains("\"callId\":\"" + callId + "\"");
  }

  private static String type(String text) {
    String prefix = "{\"type\":\"";
    if (!text.startsWith(prefix)) {
      return null;
    }
    int end = text.indexOf('"', prefix.length());
    return end < 0 ? null : text.substring(prefix.length(), end);
  }

  private static long number(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    boolean any = false;
    for (int i = at + key.length(); i < text.length(); i++) {
      char c = text.charAt(i);
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
