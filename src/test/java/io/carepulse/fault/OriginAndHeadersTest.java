package io.carepulse.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The browser origin allowlist (CAREPULSE_ALLOWED_ORIGINS) on both socket upgrades and CORS on the REST API, and
 * upgrades carrying odd but harmless headers (Java's client sends Content-Length: 0; proxies add their own).
 */
class OriginAndHeadersTest extends FaultServiceTest {

  private static final String ALLOWED = "https://crm.example.com";

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void anUpgradeFromAnUnlistedOriginIs403AndFromAListedOneUpgrades(String path) throws IOException {
    start(new JsonObject().put("allowedOrigins", ALLOWED + ", http://localhost:3000"));
    try (RawSocket evil = RawSocket.tcp(port())) {
      assertThat(evil.handshake(path, Map.of("Origin", "https://evil.example")).status()).isEqualTo(403);
    }
    try (RawSocket listed = RawSocket.tcp(port())) {
      assertThat(listed.handshake(path, Map.of("Origin", "HTTPS://CRM.example.com")).status()).isEqualTo(101);
    }
    try (RawSocket noOrigin = RawSocket.tcp(port())) {
      assertThat(noOrigin.handshake(path, Map.of()).status()).as("a non-browser client sends no Origin").isEqualTo(101);
    }
  }

  @Test
  void corsPreflightIsAnsweredForListedOriginsOnly() throws IOException {
    start(new JsonObject().put("allowedOrigins", ALLOWED));
    RawSocket.Handshake listed = request("OPTIONS", "/v1/calls", Map.of("Origin", ALLOWED,
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
    assertThat(listed.status()).isIn(200, 204);
    assertThat(listed.headers().get("access-control-allow-origin")).isEqualTo(ALLOWED);
    assertThat(listed.headers().get("access-control-allow-headers")).containsIgnoringCase("authorization");
    RawSocket.Handshake unlisted = request("OPTIONS", "/v1/calls", Map.of("Origin", "https://evil.example",
        "Access-Control-Request-Method", "GET"));
    assertThat(unlisted.headers()).doesNotContainKey("access-control-allow-origin");
    // A client's mistake, not ours: 403 (it was a 500 "internal" with an ERROR and a stack trace in the log).
    assertThat(unlisted.status()).isEqualTo(403);
    RawSocket.Handshake unlistedGet = request("GET", "/v1/calls", Map.of("Origin", "https://evil.example",
        "Authorization", "Bearer " + token("int-1", Role.INTEGRATOR)));
    assertThat(unlistedGet.status()).isEqualTo(403);
    assertThat(unlistedGet.headers().get("content-type")).isEqualTo("application/problem+json");
    RawSocket.Handshake get = request("GET", "/v1/calls", Map.of("Origin", ALLOWED,
        "Authorization", "Bearer " + token("int-1", Role.INTEGRATOR)));
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.headers().get("access-control-allow-origin")).isEqualTo(ALLOWED);
  }

  @Test
  void withNoListEveryOriginIsAllowed() throws IOException {
    start();
    try (RawSocket any = RawSocket.tcp(port())) {
      assertThat(any.handshake("/v1/agent", Map.of("Origin", "https://anywhere.example")).status()).isEqualTo(101);
    }
    RawSocket.Handshake preflight = request("OPTIONS", "/v1/calls", Map.of("Origin", "https://anywhere.example",
        "Access-Control-Request-Method", "GET"));
    assertThat(preflight.headers().get("access-control-allow-origin")).isIn("*", "https://anywhere.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/v1/agent", "/v1/supervisor"})
  void oddButHarmlessUpgradeHeadersStillUpgrade(String path) throws IOException {
    start();
    Map<String, String> odd = new LinkedHashMap<>();
    odd.put("Upgrade", "WebSocket");
    odd.put("Connection", "keep-alive, Upgrade");
    odd.put("Content-Length", "0");
    odd.put("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
    odd.put("User-Agent", "Java-http-client/17.0.15");
    odd.put("X-Forwarded-For", "203.0.113.7");
    odd.put("Cache-Control", "no-cache");
    odd.put("Pragma", "no-cache");
    odd.put("Accept-Encoding", "gzip, deflate, br");
    try (RawSocket socket = RawSocket.tcp(port())) {
      RawSocket.Handshake answer = socket.handshake(path, odd);
      assertThat(answer.status()).isEqualTo(101);
      assertThat(answer.headers()).as("deflate is never negotiated").doesNotContainKey("sec-websocket-extensions");
      String hello = new JsonObject().put("type", "hello")
          .put("token", token("user-1", path.equals("/v1/agent") ? Role.AGENT : Role.SUPERVISOR)).encode();
      socket.sendText(hello);
      RawSocket.Frame welcome = socket.readAnsweringPings(java.time.Duration.ofSeconds(10));
      assertThat(new JsonObject(welcome.text()).getString("type")).isEqualTo("welcome");
    }
  }

  /** One plain HTTP/1.1 request; the answer's status and headers. */
  private RawSocket.Handshake request(String method, String path, Map<String, String> headers) throws IOException {
    try (RawSocket socket = RawSocket.tcp(port())) {
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      socket.writeRaw(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
      return socket.readHandshake();
    }
  }
}
