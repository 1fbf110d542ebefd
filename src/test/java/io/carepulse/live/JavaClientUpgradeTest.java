package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Java's own WebSocket client sends {@code Content-Length: 0} on the upgrade request: both socket endpoints must
 * upgrade it (they are routed before any body handling, docs/stack-notes.md P8) rather than answer HTTP 500.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JavaClientUpgradeTest extends LiveServiceTest {

  @ParameterizedTest
  @CsvSource({"/v1/agent, AGENT", "/v1/supervisor, SUPERVISOR"})
  void javaNetHttpClientUpgradesWithABearerHeader(String path, Role role) throws Exception {
    start();
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .header("Authorization", "Bearer " + token("user-1", role))
        .buildAsync(URI.create("ws://127.0.0.1:" + port() + path), new FirstText(first))
        .get(10, TimeUnit.SECONDS);
    try {
      assertThat(new JsonObject(first.get(10, TimeUnit.SECONDS)).getString("type")).isEqualTo("welcome");
    } finally {
      socket.abort();
    }
  }

  @Test
  void javaNetHttpClientUpgradesAndAuthenticatesWithHello() throws Exception {
    start();
    CompletableFuture<String> first = new CompletableFuture<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port() + "/v1/agent"), new FirstText(first))
        .get(10, TimeUnit.SECONDS);
    try {
      socket.sendText(new JsonObject().put("type", "hello").put("token", agentToken("agent-1")).encode(), true);
      assertThat(new JsonObject(first.get(10, TimeUnit.SECONDS)).getString("type")).isEqualTo("welcome");
    } finally {
      socket.abort();
    }
  }

  /** Completes with the first whole text message. */
  private record FirstText(CompletableFuture<String> first) implements WebSocket.Listener {

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      first.complete(data.toString());
      webSocket.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      first.completeExceptionally(error);
    }
  }
}
