package io.carepulse.tools.simulate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent softphone streaming one call, as a verticle so that all of its state lives on one event loop and needs
 * no locks. It follows protocol v1 as a plugin would: {@code hello} with the token, frames in seq order paced by
 * their {@code ts}, cumulative acks, a rewind to {@code expectedSeq} on {@code seq_gap}, and after a dropped
 * connection a new {@code hello} with {@code resume} so that nothing acknowledged is sent as new.
 */
final class SimulatedCall extends VerticleBase {

  /** Frames in flight when pacing by time: a plugin streams without waiting, but not unboundedly. */
  private static final int TIME_PACED_WINDOW = 64;
  private static final int MAX_RECONNECTS = 3;
  private static final int MAX_REWINDS_WITHOUT_PROGRESS = 5;
  private static final long RECONNECT_DELAY_MS = 500;
  private static final long RATE_LIMIT_PAUSE_MS = 1_000;
  /** After the last ack, the final score may still be on its way. */
  private static final long LINGER_MS = 200;
  private static final String CLIENT_NAME = "carepulse-simulate";

  private final WebSocketClient client;
  private final WebSocketConnectOptions connectOptions;
  private final SimulationOptions options;
  private final ConsoleFeed feed;
  private final String label;
  private final String callId;
  private final String token;
  private final java.util.concurrent.atomic.LongAdder ackedFrames;
  private final List<JsonObject> frames;
  private final long firstTs;
  private final int window;
  private final Promise<CallOutcome> outcome = Promise.promise();

  private WebSocket socket;
  private boolean welcomed;
  private boolean done;
  private long startNanos = -1;
  private long tsShift;
  private long nextSeq = 1;
  private long highestSent;
  private long lastAcked;
  private long lastProgressNanos;
  private long pausedUntilNanos;
  private long pumpTimer = -1;
  private long watchdog = -1;
  private long rewindTo = -1;
  private long sentBeforeRewind;
  private int rewindsWithoutProgress;
  private boolean resentAfterTimeout;
  private int reconnects;
  private int resends;
  private int scores;
  private int lastScore = -1;
  private int lastCallScore = -1;
  private final List<String> promptKinds = new ArrayList<>();

  SimulatedCall(WebSocketClient client, WebSocketConnectOptions connectOptions, SimulationOptions options,
                ConsoleFeed feed, String label, String callId, ReplayScript script, String token,
                java.util.concurrent.atomic.LongAdder ackedFrames) {
    this.client = client;
    this.token = token;
    this.ackedFrames = ackedFrames;
    this.connectOptions = connectOptions;
    this.options = options;
    this.feed = feed;
    this.label = label;
    this.callId = callId;
    this.firstTs = script.firstTs();
    this.frames = script.frames().stream().map(frame -> frame.copy().put("callId", callId)).toList();
    this.window = options.speed() == 0 ? 1 : TIME_PACED_WINDOW;
  }

  Future<CallOutcome> outcome() {
    return outcome.future();
  }

  @Override
  public Future<?> start() {
    lastProgressNanos = System.nanoTime();
    watchdog = vertx.setPeriodic(250, id -> checkProgress());
    connect();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    if (!done) {
      fail("stopped before the call completed");
    }
    return Future.succeededFuture();
  }

  private void connect() {
    welcomed = false;
    ClientWebSocket webSocket = client.webSocket();
    webSocket.textMessageHandler(text -> onMessage(webSocket, text));
    webSocket.closeHandler(v -> onClose(webSocket));
    webSocket.exceptionHandler(e -> {
      if (!done) {
        feed.alert(prefix() + "!! connection problem: " + e.getMessage());
      }
    });
    webSocket.connect(connectOptions).onComplete(connected -> {
      if (done) {
        if (connected.succeeded()) {
          connected.result().close();
        }
        return;
      }
      if (connected.failed()) {
        retryOrFail("cannot connect to " + options.url() + ": " + connected.cause().getMessage());
        return;
      }
      // Handlers see the ClientWebSocket, so that is the identity kept (connect's result is another object).
      socket = webSocket;
      lastProgressNanos = System.nanoTime();
      socket.writeTextMessage(hello().encode());
    });
  }

  private JsonObject hello() {
    JsonObject hello = new JsonObject().put("type", "hello").put("token", token)
        .put("client", new JsonObject().put("name", CLIENT_NAME).put("version", "0.1"));
    if (highestSent > 0) {
      hello.put("resume", new JsonArray().add(new JsonObject().put("callId", callId).put("lastSeq", lastAcked)));
    }
    return hello;
  }

  private void onMessage(WebSocket from, String text) {
    if (done || from != socket) {
      return;
    }
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (DecodeException e) {
      feed.alert(prefix() + "!! server sent something that is not JSON: " + abbreviate(text));
      return;
    }
    String type = message.getString("type", "");
    switch (type) {
      case "welcome" -> onWelcome(message);
      case "ack" -> onAck(message);
      case "score" -> onScore(message);
      case "prompt" -> onPrompt(message);
      case "error" -> onError(message);
      case "whisper" -> feed.highlight(prefix() + ServerMessageText.whisper(message));
      default -> {
        if (!options.quiet()) {
          feed.line(prefix() + "(server: " + abbreviate(text) + ")");
        }
      }
    }
  }

  private void onWelcome(JsonObject welcome) {
    welcomed = true;
    lastProgressNanos = System.nanoTime();
    Long resumeAt = resumeSeq(welcome.getJsonArray("resume"));
    if (highestSent > 0) {
      if (resumeAt == null) {
        fail("reconnected, but the server did not resume the call");
        return;
      }
      // The server's nextSeq is authoritative: everything below it was applied, even if its ack was lost.
      lastAcked = Math.max(lastAcked, resumeAt - 1);
      nextSeq = resumeAt;
      resends += (int) Math.max(0, highestSent - lastAcked);
      feed.line(prefix() + "reconnected; resuming at seq " + resumeAt);
      if (lastAcked >= frames.size()) {
        complete();
        return;
      }
    } else if (!options.quiet()) {
      feed.line(prefix() + "connected as agent (session " + welcome.getString("sessionId", "?") + ")");
    }
    if (startNanos < 0) {
      startNanos = System.nanoTime();
      // Event times keep their recorded spacing, moved to now: the server sees a live call, and the core (which
      // takes time only from ts) scores it exactly as offline replay would, whatever the speed.
      tsShift = System.currentTimeMillis() - firstTs;
    }
    pump();
  }

  private Long resumeSeq(JsonArray resume) {
    if (resume == null) {
      return null;
    }
    for (int i = 0; i < resume.size(); i++) {
      JsonObject entry = resume.getJsonObject(i);
      if (callId.equals(entry.getString("callId"))) {
        return entry.getLong("nextSeq");
      }
    }
    return null;
  }

  private void onAck(JsonObject ack) {
    if (!callId.equals(ack.getString("callId"))) {
      return;
    }
    long seq = ack.getLong("seq", 0L);
    if (seq > lastAcked) {
      ackedFrames.add(Math.min(seq, frames.size()) - lastAcked);
      lastAcked = seq;
      lastProgressNanos = System.nanoTime();
      rewindsWithoutProgress = 0;
      resentAfterTimeout = false;
    }
    if (lastAcked >= frames.size()) {
      complete();
    } else {
      pump();
    }
  }

  private void onScore(JsonObject score) {
    scores++;
    lastScore = score.getInteger("score", lastScore);
    lastCallScore = score.getInteger("callScore", lastCallScore);
    if (!options.quiet()) {
      feed.line(prefix() + ServerMessageText.score(score));
    }
  }

  private void onPrompt(JsonObject prompt) {
    promptKinds.add(prompt.getString("kind", "?"));
    if (!options.quiet()) {
      feed.highlight(prefix() + ServerMessageText.prompt(prompt));
    }
  }

  private void onError(JsonObject error) {
    String code = error.getString("code", "");
    feed.alert(prefix() + ServerMessageText.error(error));
    switch (code) {
      case "seq_gap" -> rewind(error);
      case "rate_limited" -> {
        nextSeq = lastAcked + 1;
        pausedUntilNanos = System.nanoTime() + RATE_LIMIT_PAUSE_MS * 1_000_000;
        schedulePump(RATE_LIMIT_PAUSE_MS);
      }
      default -> fail("server refused the call: " + code + " " + error.getString("message", ""));
    }
  }

  /**
   * protocol v1: the client resends from {@code expectedSeq}. Frames already in flight when we rewound produce
   * the same gap again; those echoes are ignored so that one lost frame costs one resend, not one per frame.
   */
  private void rewind(JsonObject error) {
    Long expected = error.getLong("expectedSeq");
    long refused = error.getLong("seq", Long.MAX_VALUE);
    if (expected == null || expected < 1 || expected > frames.size()) {
      fail("seq_gap without a usable expectedSeq");
      return;
    }
    if (expected <= lastAcked) {
      return;
    }
    if (expected == rewindTo && refused <= sentBeforeRewind) {
      return;
    }
    if (++rewindsWithoutProgress > MAX_REWINDS_WITHOUT_PROGRESS) {
      fail("the server keeps asking for seq " + expected + "; giving up");
      return;
    }
    rewindTo = expected;
    sentBeforeRewind = highestSent;
    resends += (int) Math.max(0, highestSent - expected + 1);
    nextSeq = expected;
    pump();
  }

  private void pump() {
    if (done || !welcomed || socket == null) {
      return;
    }
    long now = System.nanoTime();
    if (now < pausedUntilNanos) {
      return;
    }
    while (nextSeq <= frames.size() && nextSeq - 1 - lastAcked < window) {
      long waitMs = dueInMs(nextSeq, now);
      if (waitMs > 0) {
        schedulePump(waitMs);
        return;
      }
      send(frames.get((int) nextSeq - 1));
      nextSeq++;
    }
  }

  private long dueInMs(long seq, long now) {
    if (options.speed() == 0) {
      return 0;
    }
    long offsetMs = frames.get((int) seq - 1).getLong("ts", firstTs) - firstTs;
    long dueNanos = startNanos + (long) (offsetMs / options.speed() * 1_000_000);
    return (dueNanos - now + 999_999) / 1_000_000;
  }

  private void schedulePump(long delayMs) {
    if (pumpTimer >= 0) {
      vertx.cancelTimer(pumpTimer);
    }
    pumpTimer = vertx.setTimer(Math.max(1, delayMs), id -> {
      pumpTimer = -1;
      pump();
    });
  }

  private void send(JsonObject frame) {
    long seq = frame.getLong("seq");
    if (seq - 1 == lastAcked) {
      lastProgressNanos = System.nanoTime();
    }
    JsonObject live = frame.copy();
    if (live.containsKey("ts")) {
      live.put("ts", live.getLong("ts") + tsShift);
    }
    socket.writeTextMessage(live.encode());
    if (seq > highestSent) {
      highestSent = seq;
      String said = options.quiet() ? null : ServerMessageText.sent(frame);
      if (said != null) {
        feed.line(prefix() + said);
      }
    }
  }

  private void onClose(WebSocket closed) {
    if (done || closed != socket) {
      return;
    }
    socket = null;
    Short code = closed.closeStatusCode();
    if (code != null && code == 4401) {
      fail("unauthorized: the server closed the connection (4401); check --token or --secret");
    } else if (code != null && code == 1009) {
      fail("a frame was too large for the server (1009)");
    } else {
      retryOrFail("connection closed" + (code == null ? "" : " (" + code + ")"));
    }
  }

  private void retryOrFail(String problem) {
    if (reconnects >= MAX_RECONNECTS) {
      fail(problem + "; gave up after " + reconnects + " reconnects");
      return;
    }
    reconnects++;
    feed.alert(prefix() + "!! " + problem + "; reconnecting (" + reconnects + "/" + MAX_RECONNECTS + ")");
    vertx.setTimer(RECONNECT_DELAY_MS * reconnects, id -> {
      if (!done) {
        connect();
      }
    });
  }

  private void checkProgress() {
    if (done) {
      return;
    }
    long silentMs = (System.nanoTime() - lastProgressNanos) / 1_000_000;
    boolean waiting = !welcomed || highestSent > lastAcked;
    if (socket == null || !waiting || silentMs <= options.ackTimeout().toMillis()) {
      return;
    }
    if (welcomed && !resentAfterTimeout) {
      // One retransmission before giving up: duplicates are harmless (the server acks them again, protocol v1).
      resentAfterTimeout = true;
      feed.alert(prefix() + "!! no ack for seq " + (lastAcked + 1) + " within "
          + options.ackTimeout().toSeconds() + " s; resending");
      resends += (int) Math.max(0, highestSent - lastAcked);
      nextSeq = lastAcked + 1;
      lastProgressNanos = System.nanoTime();
      pump();
    } else {
      fail(welcomed
          ? "no ack for seq " + (lastAcked + 1) + " within " + options.ackTimeout().toSeconds() + " s"
          : "no welcome within " + options.ackTimeout().toSeconds() + " s");
    }
  }

  private void complete() {
    if (done) {
      return;
    }
    done = true;
    stopTimers();
    vertx.setTimer(LINGER_MS, id -> {
      closeSocket();
      finish(true, null);
    });
  }

  private void fail(String reason) {
    if (done) {
      return;
    }
    done = true;
    stopTimers();
    feed.alert(prefix() + "!! call failed: " + reason);
    closeSocket();
    finish(false, reason);
  }

  private void finish(boolean completed, String failure) {
    long elapsedMs = startNanos < 0 ? 0 : (System.nanoTime() - startNanos) / 1_000_000;
    outcome.tryComplete(new CallOutcome(label, callId, completed, failure, frames.size(), lastAcked, scores,
        promptKinds, lastScore, lastCallScore, reconnects, resends, elapsedMs));
  }

  private void stopTimers() {
    if (pumpTimer >= 0) {
      vertx.cancelTimer(pumpTimer);
      pumpTimer = -1;
    }
    if (watchdog >= 0) {
      vertx.cancelTimer(watchdog);
      watchdog = -1;
    }
  }

  private void closeSocket() {
    WebSocket open = socket;
    socket = null;
    if (open != null && !open.isClosed()) {
      open.close((short) 1000, "call complete");
    }
  }

  private String prefix() {
    return "[" + label + "] ";
  }

  private static String abbreviate(String text) {
    return text.length() <= 160 ? text : text.substring(0, 157) + "...";
  }
}
