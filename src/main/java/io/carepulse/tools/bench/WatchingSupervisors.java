package io.carepulse.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Supervisor dashboards attached to the service while the calls run: one WebSocket each to {@code /v1/supervisor},
 * authenticated with a bearer header, all on one event loop of the generator. Every message is read off the socket
 * and counted (messages, bytes, and by {@code type}); beyond the type nothing is decoded, because a browser would do
 * that on its own machine, while here every microsecond the generator spends is one the service does not get.
 *
 * <p>Counters are written on this verticle's event loop and read by the generator's main thread at window marks, so
 * they are {@link LongAdder}s.
 */
final class WatchingSupervisors extends VerticleBase {

  /** How long a dashboard may take to be welcomed and sent its snapshot before it counts as not attached. */
  private static final long ATTACH_TIMEOUT_MILLIS = 30_000;
  /** The type is the first member of every supervisor message; this many bytes hold it. */
  private static final int TYPE_PREFIX_BYTES = 48;
  private static final byte[] TYPE_KEY = "\"type\":\"".getBytes(StandardCharsets.US_ASCII);

  private final WebSocketClient client;
  private final WebSocketConnectOptions endpoint;
  private final List<String> tokens;
  private final List<ClientWebSocket> sockets = new ArrayList<>();
  private final LongAdder messages = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder closedByServer = new LongAdder();
  private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private boolean closing;

  /** One dashboard per token; each token names the supervisor's team. */
  WatchingSupervisors(WebSocketClient client, WebSocketConnectOptions endpoint, List<String> tokens) {
    this.client = client;
    this.endpoint = endpoint;
    this.tokens = List.copyOf(tokens);
  }

  @Override
  public Future<?> start() {
    return Future.succeededFuture();
  }

  /** Connects every dashboard (on this verticle's loop); completes with how many received their snapshot. */
  Future<Integer> attachAll() {
    Promise<Integer> done = Promise.promise();
    context.runOnContext(v -> {
      List<Future<Boolean>> attached = new ArrayList<>();
      for (String token : tokens) {
        attached.add(attach(token));
      }
      Future.join(attached).onComplete(all -> {
        int count = 0;
        for (Future<Boolean> one : attached) {
          if (one.succeeded() && one.result()) {
            count++;
          }
        }
        done.complete(count);
      });
    });
    return done.future();
  }

  private Future<Boolean> attach(String token) {
    Promise<Boolean> snapshot = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions(endpoint)
        .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    ClientWebSocket socket = client.webSocket();
    socket.frameHandler(frame -> {
      if (read(frame)) {
        snapshot.tryComplete(true);
      }
    });
    socket.closeHandler(v -> {
      if (!closing) {
        closedByServer.increment();
        problem("a supervisor socket was closed by the server");
      }
      snapshot.tryComplete(false);
    });
    socket.exceptionHandler(e -> problem("supervisor socket: " + e.getMessage()));
    long timer = vertx.setTimer(ATTACH_TIMEOUT_MILLIS, id -> {
      if (snapshot.tryComplete(false)) {
        problem("no snapshot within " + ATTACH_TIMEOUT_MILLIS + " ms");
      }
    });
    socket.connect(options).onComplete(result -> {
      if (result.failed()) {
        problem("supervisor cannot connect: " + result.cause().getMessage());
        snapshot.tryComplete(false);
      } else {
        sockets.add(socket);
      }
    });
    return snapshot.future().onComplete(v -> vertx.cancelTimer(timer));
  }

  /** Counts one frame; true when it starts a snapshot (the dashboard is then attached). */
  private boolean read(WebSocketFrame frame) {
    WebSocketFrameType type = frame.type();
    if (type != WebSocketFrameType.TEXT && type != WebSocketFrameType.CONTINUATION) {
      return false;
    }
    Buffer data = frame.binaryData();
    bytes.add(data.length());
    if (frame.isFinal()) {
      messages.increment();
    }
    if (type != WebSocketFrameType.TEXT) {
      return false;
    }
    String messageType = messageType(data);
    byType.computeIfAbsent(messageType, t -> new LongAdder()).increment();
    return messageType.equals("snapshot");
  }

  /** The value of the leading {@code "type":"..."} member, read from the first bytes only. */
  static String messageType(Buffer data) {
    int limit = Math.min(data.length(), TYPE_PREFIX_BYTES);
    outer:
    for (int i = 0; i + TYPE_KEY.length <= limit; i++) {
      for (int k = 0; k < TYPE_KEY.length; k++) {
        if (data.getByte(i + k) != TYPE_KEY[k]) {
          continue outer;
        }
      }
      int start = i + TYPE_KEY.length;
      for (int end = start; end < limit; end++) {
        if (data.getByte(end) == '"') {
          return data.getString(start, end, "US-ASCII");
        }
      }
      break;
    }
    return "unknown";
  }

  private void problem(String text) {
    synchronized (problems) {
      if (problems.size() < 5) {
        problems.add(text);
      }
    }
  }

  /** Everything counted so far. Safe from any thread. */
  Counts counts() {
    Map<String, Long> types = new TreeMap<>();
    byType.forEach((type, count) -> types.put(type, count.sum()));
    List<String> samples;
    synchronized (problems) {
      samples = List.copyOf(problems);
    }
    return new Counts(System.nanoTime(), messages.sum(), bytes.sum(), closedByServer.sum(), types, samples);
  }

  /** Closes every dashboard (on this verticle's loop). */
  Future<Void> detachAll() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closing = true;
      List<Future<Void>> closed = new ArrayList<>();
      for (ClientWebSocket socket : sockets) {
        closed.add(socket.close());
      }
      Future.join(closed).onComplete(all -> done.complete());
    });
    return done.future();
  }

  /** A reading of the counters; two readings give rates over the time between them. */
  record Counts(long nanos, long messages, long bytes, long closedByServer, Map<String, Long> byType,
                List<String> problems) {

    JsonObject since(Counts earlier, int attached) {
      double seconds = Math.max(1e-9, (nanos - earlier.nanos) / 1e9);
      JsonObject types = new JsonObject();
      byType.forEach((type, count) -> {
        long received = count - earlier.byType.getOrDefault(type, 0L);
        if (received > 0) {
          types.put(type, received);
        }
      });
      return new JsonObject()
          .put("attached", attached)
          .put("messagesPerSec", round(((messages - earlier.messages) / seconds)))
          .put("bytesPerSec", round((bytes - earlier.bytes) / seconds))
          .put("rowsPerSec", round((byType.getOrDefault("call", 0L) - earlier.byType.getOrDefault("call", 0L)) / seconds))
          .put("messagesByType", types)
          .put("closedByServer", closedByServer - earlier.closedByServer)
          .put("problems", new JsonArray(List.copyOf(problems)));
    }

    private static double round(double value) {
      return Math.round(value * 100) / 100.0;
    }
  }
}
