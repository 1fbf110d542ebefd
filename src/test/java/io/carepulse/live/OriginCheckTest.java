package io.carepulse.live;

import io.carepulse.auth.OriginPolicy;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.JwtAuth;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The gateway asks its OriginCheck before anything else about the caller: a refused origin gets 403, no upgrade. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OriginCheckTest {

  private static final LiveSettings SETTINGS = new LiveSettings(64 * 1024, 100, 200, 16, Duration.ofSeconds(60),
      Duration.ofSeconds(5), Duration.ofSeconds(120), 100, Duration.ofSeconds(60));

  private HttpClient client;

  @Test
  void anOriginTheCheckRefuses_getsForbiddenBeforeAnyUpgrade(Vertx vertx) throws Exception {
    SocketGateway<SocketConnection> gateway = new SocketGateway<>(vertx, "/v1/agent", SETTINGS,
        JwtAuth.create(vertx, "test-secret-test-secret-test-secret-0001"),
        OriginPolicy.of(List.of("https://dashboard.example")), identity -> true,
        (socket, context) -> {
          throw new AssertionError("a refused origin must not be upgraded");
        },
        status -> { });
    Router router = Router.router(vertx);
    router.get("/v1/agent").handler(gateway::handle);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    client = vertx.createHttpClient();

    Answer refused = upgrade(server.actualPort(), "https://elsewhere.example");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body()).isEqualTo("origin not allowed on /v1/agent");
    // An allowed origin goes on to authentication: here a bad bearer header, so 401.
    assertThat(upgrade(server.actualPort(), "https://dashboard.example").status()).isEqualTo(401);
  }

  private record Answer(int status, String body) {
  }

  private Answer upgrade(int port, String origin) throws Exception {
    return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI("/v1/agent")
            .putHeader("Upgrade", "websocket").putHeader("Connection", "Upgrade")
            .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").putHeader("Sec-WebSocket-Version", "13")
            .putHeader("Origin", origin).putHeader("Authorization", "Basic bm8="))
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Answer(response.statusCode(), body.toString())))
        .await(10, TimeUnit.SECONDS);
  }
}
