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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test agent: a real Vert.x WebSocket client (held in a field so the GC cannot close it mid-handshake, docs/stack-notes.md P2)
 * with a blocking inbox, so scenarios read top to bottom. Use it from the test thread, never an event loop.
 */
public final class AgentClient {

  private static final long WAIT_MS = 5_000;

  private final WebSocketClient client;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  /** Everything received, in order, for assertions over a whole exchange. */
  public final List<JsonObject> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
  private ClientWebSocket socket;

  private AgentClient(Vertx vertx) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));
  }

  /** Connects, with {@code bearer} in the Authorization header when not null. */
  public static AgentClient connect(Vertx vertx, int port, String bearer) {
    AgentClient agent = new AgentClient(vertx);
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/v1/agent");
    if (bearer != null) {
      options.addHeader("Authorization", "Bearer " + bearer);
    }
    ClientWebSocket ws = agent.client.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      agent.seen.add(message);
      agent.inbox.add(message);
    });
    ws.closeHandler(v -> agent.closed.complete(ws.closeStatusCode()));
    agent.socket = ws;
    try {
      Connections.await("opening an agent WebSocket to 127.0.0.1:" + port + "/v1/agent", ws.connect(options));
    } catch (RuntimeException | AssertionError e) {
      agent.client.close();
      throw e;
    }
    return agent;
  }

  /** Connects with a hello carrying the token and waits for the welcome. */
  public static AgentClient helloWith(Vertx vertx, int port, String token) {
    AgentClient agent = connect(vertx, port, null);
    agent.send(new JsonObject().put("type", "hello").put("token", token));
    agent.expect("welcome");
    return agent;
  }

  /** Connects with the header, waits for its welcome. */
  public static AgentClient withHeader(Vertx vertx, int port, String token) {
    AgentClient agent = connect(vertx, port, token);
    agent.expect("welcome");
    return agent;
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }

  public void send(JsonObject frame) {
    socket.writeTextMessage(frame.encode());
  }

  public void sendBinary(byte[] data) {
    socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer(data));
  }

  public void sendText(String text) {
    socket.writeTextMessage(text);
  }

  public JsonObject next() {
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

  /** The next message, which must be of {@code type}. */
  public JsonObject expect(String type) {
    JsonObject message = next();
    assertThat(message.getString("type")).as("next message %s", message).isEqualTo(type);
    return message;
  }

  /** Skips scores and prompts until the next message of another type, which must be {@code type}. */
  public JsonObject expectSkippingCoaching(String type) {
    while (true) {
      JsonObject message = next();
      String actual = message.getString("type");
      if (!actual.equals(type) && (actual.equals("score") || actual.equals("prompt"))) {
        continue;
      }
      assertThat(actual).as("next message %s", message).isEqualTo(type);
      return message;
    }
  }

  /** Reads until the ack of {@code seq} for {@code callId}, passing scores, prompts and earlier acks. */
  public JsonObject awaitAck(String callId, long seq) {
    while (true) {
      JsonObject message = next();
      if (message.getString("type").equals("error")) {
        fail("error while waiting for ack " + seq + ": " + message);
      }
      if (message.getString("type").equals("ack") && callId.equals(message.getString("callId"))
          && message.getLong("seq") >= seq) {
        assertThat(message.getLong("seq")).isEqualTo(seq);
        return message;
      }
    }
  }

  public JsonObject expectError(String code) {
    JsonObject error = expectSkippingCoaching("error");
    assertThat(error.getString("code")).as("error %s", error).isEqualTo(code);
    return error;
  }

  /** Waits for the server to close; returns the close code. */
  public short awaitClose() {
    try {
      return closed.get(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + WAIT_MS + " ms; seen: " + seen, e);
    }
  }

  /** Waits up to {@code timeout} for the server to close; returns the close code. */
  short awaitCloseWithin(java.time.Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("socket not closed within " + timeout.toMillis() + " ms; seen: " + seen, e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** Drops the connection abruptly from the client side, like a lost network would. */
  public void drop() {
    await(socket.close());
    awaitClose();
  }

  /** Nothing more arrives within {@code millis}. */
  public void expectSilence(long millis) throws InterruptedException {
    JsonObject message = inbox.poll(millis, TimeUnit.MILLISECONDS);
    assertThat(message).as("unexpected message").isNull();
  }

  public void close() {
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }
}
