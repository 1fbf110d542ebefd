package io.carepulse.tools.simulate;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for the CarePulse agent endpoint that follows protocol v1's session and sequence rules (hello, welcome
 * with resume, cumulative acks, duplicates, seq_gap) and answers with canned scores and one prompt. It can lose one
 * frame or drop one connection on purpose, and records which frames it applied so tests can prove none was lost
 * or applied twice.
 */
final class FakeAgentServer {

  static final String TOKEN = "agent-token";

  private final Vertx vertx;
  private final Map<String, Long> lastApplied = new ConcurrentHashMap<>();
  final Map<String, List<Long>> applied = new ConcurrentHashMap<>();
  final List<JsonObject> received = new CopyOnWriteArrayList<>();
  /**
   * Frames the client sent again although this server had applied them and said so (an ack, or a welcome's
   * nextSeq): this server answers them as duplicates, but one that trusted its client would apply them twice.
   */
  final List<JsonObject> reoffered = new CopyOnWriteArrayList<>();
  /** Per call, the highest seq the client has been told was applied: acked, or below a welcome's nextSeq. */
  private final Map<String, Long> told = new ConcurrentHashMap<>();
  private final Set<String> lostOnce = ConcurrentHashMap.newKeySet();
  private final Set<String> droppedOnce = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean dropDone = new AtomicBoolean();
  private long loseSeq = -1;
  private long dropConnectionAtSeq = -1;
  private HttpServer server;
  private boolean realCore;
  private java.util.function.Predicate<String> tokens = TOKEN::equals;
  private final Map<String, CallEngine> engines = new ConcurrentHashMap<>();
  private final FrameReader frameReader = FrameReader.load();

  FakeAgentServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Each call's frame {@code seq} vanishes the first time it arrives, as if lost in transit. */
  FakeAgentServer losingFrame(long seq) {
    this.loseSeq = seq;
    return this;
  }

  /** The first time any call's frame {@code seq} arrives it is applied but the connection drops before the ack. */
  FakeAgentServer droppingConnectionAt(long seq) {
    this.dropConnectionAtSeq = seq;
    return this;
  }

  /** Accepts the hello tokens {@code accepted} says yes to, instead of only {@link #TOKEN}. */
  FakeAgentServer accepting(java.util.function.Predicate<String> accepted) {
    this.tokens = accepted;
    return this;
  }

  /** Answers with the real scoring core instead of canned scores, as the live service will. */
  FakeAgentServer scoringWithTheRealCore() {
    this.realCore = true;
    return this;
  }

  Future<Integer> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setPerMessageWebSocketCompressionSupported(false))
        .webSocketHandler(this::accept);
    return server.listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  String url(int port) {
    return "ws://127.0.0.1:" + port + "/v1/agent";
  }

  private void accept(ServerWebSocket ws) {
    if (!"/v1/agent".equals(ws.path())) {
      ws.close((short) 1008, "no such endpoint");
      return;
    }
    AtomicBoolean authenticated = new AtomicBoolean();
    AtomicBoolean dropped = new AtomicBoolean();
    ws.textMessageHandler(text -> {
      if (dropped.get()) {
        return; // frames still buffered on a connection this server dropped are lost with it
      }
      JsonObject frame = new JsonObject(text);
      received.add(frame);
      if (!authenticated.get()) {
        if ("hello".equals(frame.getString("type")) && tokens.test(frame.getString("token"))) {
          authenticated.set(true);
          ws.writeTextMessage(welcome(frame).encode());
        } else {
          ws.writeTextMessage(error("unauthorized", "a valid token is required", null).encode());
          ws.close((short) 4401, "unauthorized");
        }
        return;
      }
      onCallFrame(ws, frame, dropped);
    });
  }

  private JsonObject welcome(JsonObject hello) {
    JsonArray resume = new JsonArray();
    JsonArray asked = hello.getJsonArray("resume", new JsonArray());
    for (int i = 0; i < asked.size(); i++) {
      String callId = asked.getJsonObject(i).getString("callId");
      if (lastApplied.containsKey(callId)) {
        long applied = lastApplied.get(callId);
        told.merge(callId, applied, Math::max);
        resume.add(new JsonObject().put("callId", callId).put("nextSeq", applied + 1));
      }
    }
    return new JsonObject().put("type", "welcome").put("protocol", 1).put("sessionId", "s-fake").put("resume", resume);
  }

  private void onCallFrame(ServerWebSocket ws, JsonObject frame, AtomicBoolean dropped) {
    String callId = frame.getString("callId");
    long seq = frame.getLong("seq");
    if (seq == loseSeq && lostOnce.add(callId)) {
      return;
    }
    long last = lastApplied.getOrDefault(callId, 0L);
    if (seq <= told.getOrDefault(callId, 0L)) {
      reoffered.add(frame);
    }
    if (seq <= last) {
      ws.writeTextMessage(ack(callId, last).encode());
      return;
    }
    if (seq > last + 1) {
      ws.writeTextMessage(error("seq_gap", "expected seq " + (last + 1), callId)
          .put("seq", seq).put("expectedSeq", last + 1).encode());
      return;
    }
    lastApplied.put(callId, seq);
    applied.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(seq);
    if (seq == dropConnectionAtSeq && droppedOnce.add(callId) && dropDone.compareAndSet(false, true)) {
      dropped.set(true);
      ws.close((short) 1011, "simulated failure");
      return;
    }
    if (realCore) {
      CallEngine engine = engines.computeIfAbsent(callId, id -> new CallEngine(id, CoreConfig.defaults()));
      FrameRead read = frameReader.read(frame);
      if (read instanceof FrameRead.Accepted accepted) {
        CallEngine.Step step = engine.apply((CallFrame) accepted.frame());
        step.score().ifPresent(update -> ws.writeTextMessage(ServerMessages.score(update).encode()));
        step.prompts().forEach(prompt -> ws.writeTextMessage(ServerMessages.prompt(prompt).encode()));
      } else {
        ws.writeTextMessage(error("invalid", read.toString(), callId).put("seq", seq).encode());
        return;
      }
      ws.writeTextMessage(ack(callId, seq).encode());
      return;
    }
    String type = frame.getString("type");
    if ("utterance".equals(type) || "call.start".equals(type) || "event".equals(type) || "call.end".equals(type)) {
      ws.writeTextMessage(score(callId, seq).encode());
    }
    if ("customer".equals(frame.getString("speaker")) && frame.getString("text", "").contains("angry")) {
      ws.writeTextMessage(new JsonObject().put("type", "prompt").put("callId", callId).put("promptId", "p-" + seq)
          .put("kind", "acknowledge_feelings").put("text", "Acknowledge how they feel before solving")
          .put("priority", 1).put("seq", seq).encode());
    }
    ws.writeTextMessage(ack(callId, seq).encode());
  }

  private JsonObject ack(String callId, long seq) {
    told.merge(callId, seq, Math::max);
    return new JsonObject().put("type", "ack").put("callId", callId).put("seq", seq);
  }

  private static JsonObject score(String callId, long seq) {
    int score = (int) (40 + seq * 3);
    return new JsonObject().put("type", "score").put("callId", callId).put("seq", seq).put("score", score)
        .put("callScore", score - 2)
        .put("parts", new JsonObject().put("emotion", 40).put("empathy", 60).put("ownership", 55)
            .put("listening", 70).put("responsiveness", 80).put("personal", 50))
        .put("trend", "rising").put("model", "fake-1")
        .put("reasons", new JsonArray().add(new JsonObject().put("rule", "fake_rule").put("part", "empathy")
            .put("delta", 1.5).put("frames", new JsonArray().add("seq:" + seq)).put("text", "because")));
  }

  private static JsonObject error(String code, String message, String callId) {
    JsonObject error = new JsonObject().put("type", "error").put("code", code).put("message", message);
    return callId == null ? error : error.put("callId", callId);
  }

  Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
