package io.carepulse.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class ConnectionsTest {

  @Test
  void aConnectionThatCannotBeHad_failsNamingTheAttempt_theCause_andTheMachinesLimits() throws Exception {
    Vertx vertx = Vertx.vertx();
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    HttpClient http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000));
    try {
      assertThatThrownBy(() -> Connections.await("GET /health on a port nobody listens on",
          http.request(HttpMethod.GET, closedPort, "127.0.0.1", "/health").compose(r -> r.send())))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("GET /health on a port nobody listens on failed")
          .hasMessageContaining("Connection refused")
          .hasMessageContaining("fds open")
          .hasMessageMatching("(?s).*ephemeral ports \\d+-\\d+;.*");
    } finally {
      http.close();
      vertx.close().await();
    }
  }

  @Test
  void noAnswerInTime_failsSayingSo_notAsATestTimeout() {
    assertThatThrownBy(() -> Connections.await("a request nobody answers", Promise.<Void>promise().future(),
        Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("a request nobody answers: no answer within 100 ms");
  }

  @Test
  void aRefusalIsAnAnswer_andPassesThroughUnchanged() {
    IllegalStateException refused = new IllegalStateException("403 Forbidden");
    assertThatThrownBy(() -> Connections.await("an upgrade", io.vertx.core.Future.failedFuture(refused)))
        .isSameAs(refused);
    assertThat(Connections.machine()).startsWith("machine: ");
  }
}
