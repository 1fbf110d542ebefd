package io.carepulse.tools.bench;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * The baseline: what Vert.x itself costs for the same traffic. A bare WebSocket server, configured like the service's
 * (no compression), that parses each text frame as JSON and answers with one small JSON frame — a {@code welcome}
 * to a hello, an {@code ack} with the frame's callId and seq to anything else. No auth, no schema, no scoring.
 */
final class EchoServer extends VerticleBase {

  private final String host;
  private final int port;

  EchoServer(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false);
    return vertx.createHttpServer(options)
        .webSocketHandler(socket -> socket.textMessageHandler(text -> {
          JsonObject frame = new JsonObject(text);
          JsonObject answer = "hello".equals(frame.getString("type"))
              ? new JsonObject().put("type", "welcome").put("protocol", 1).put("sessionId", "echo")
              : new JsonObject().put("type", "ack").put("callId", frame.getString("callId")).put("seq", frame.getLong("seq"));
          socket.writeTextMessage(answer.encode());
        }))
        .requestHandler(request -> request.response().end("echo"))
        .listen();
  }
}
