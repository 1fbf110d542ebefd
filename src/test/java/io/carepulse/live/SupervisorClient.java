package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.carepulse.testing.Connections;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test supervisor dashboard: a real WebSocket client on /v1/supervisor (kept in a field, docs/stack-notes.md P2) with an inbox. */
final class SupervisorClient {

  private static final long WAIT_MS = 5_000;

  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  final List<JsonObject> seen = new CopyOnWriteArrayList<>();
  private ClientWebSocket socket;

  private SupervisorClient(Vertx vertx, WebSocketClientOptions options) {
    this.client = vertx.createWebSocketClient(options.setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024));
  }

  static SupervisorClient connect(Vertx vertx, int port, String bearer) {
    return connect(vertx, port, bearer, new WebSocketClientOptions());
  }

  static SupervisorClient connect(Vertx vertx, int port, String bearer, WebSocketClientOptions clientOptions) {
    SupervisorClient supervisor = new SupervisorClient(vertx, clientOptions);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/v1/supervisor");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    ClientWebSocket ws = supervisor.client.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      supervisor.seen.add(message);
      supervisor.inbox.add(message);
    });
    ws.closeHandler(v -> supervisor.closed.complete(ws.closeStatusCode()));
    supervisor.socket = ws;
    Connections.await("opening a supervisor WebSocket to 127.0.0.1:" + port + "/v1/supervisor", ws.connect(options));
    return supervisor;
  }

  void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  void whisper(String callId, String text, String requestId) {
    send(new JsonObject().put("type", "whisper").put("callId", callId).put("text", text).put("requestId", requestId));
  }

  JsonObject next() {
    try {
      JsonObject message = inbox.poll(WAIT_MS, TimeUnit.MILLISECONDS);
      if (message == null) {
        fail("no message within " + WAIT_MS + " ms; seen so far: " + seen);
      }
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  JsonObject expect(String type) {
    JsonObject message = next();
    assertThat(message.getString("type")).as("next message %s", message).isEqualTo(type);
    return message;
  }

  /** Reads until a message matches, passing the others (rows, alerts, ... arrive conflated, in no fixed mix). */
  JsonObject await(String type, Predicate<JsonObject> matching) {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (System.currentTimeMillis() < deadline) {
      JsonObject message;
      try {
        message = inbox.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      if (message != null && type.equals(message.getString("type")) && matching.test(message)) {
        return message;
      }
    }
    return fail("no matching " + type + " within " + WAIT_MS + " ms; seen: " + seen);
  }

  JsonObject await(String type) {
    return await(type, m -> true);
  }

  void expectNone(String type, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      JsonObject message = inbox.poll(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      if (message != null) {
        assertThat(message.getString("type")).as("unexpected %s", message).isNotEqualTo(type);
      }
    }
  }

  /** Stops reading from the socket: TCP backpressure then reaches the server, as with a frozen browser tab. */
  void stall() {
    socket.pause();
  }

  void resume() {
    socket.resume();
  }

  short awaitClose() {
    try {
      return closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + WAIT_MS + " ms; seen: " + seen, e);
    }
  }

  void close() {
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }
}
