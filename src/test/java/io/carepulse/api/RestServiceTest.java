package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.carepulse.auth.Role;
import io.carepulse.testing.Connections;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the real service on a random port (two server instances) and talks HTTP to it. Every answer is checked
 * against the contract: {@link #call} validates the response of the named operation with vertx-openapi.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
abstract class RestServiceTest {

  static final String SECRET = "test-secret-test-secret-test-secret-0001";
  static final long T0 = 1_700_000_000_000L;

  Vertx vertx;
  CarePulseService service;
  WebClient client;
  ResponseValidator contract;

  String integrator;
  String admin;
  String supervisorA;
  String supervisorB;
  String agent1;
  String agent2;

  @BeforeEach
  void startService(Vertx vertx) {
    this.vertx = vertx;
    JsonObject settings = new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("jwtSecret", SECRET).put("serverInstances", 2)
        .put("webhookAttempts", 3).put("webhookFirstRetry", "20ms")
        .mergeIn(overrides());
    service = CarePulseService.start(vertx, AppConfig.from(settings, Map.of()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await();
    client = WebClient.create(vertx);
    contract = ResponseValidator.create(vertx, ContractDocument.load().contract(vertx).await());
    integrator = token("crm-1", Role.INTEGRATOR, List.of());
    admin = token("admin-1", Role.ADMIN, List.of());
    supervisorA = token("sup-a", Role.SUPERVISOR, List.of("team-a"));
    supervisorB = token("sup-b", Role.SUPERVISOR, List.of("team-b"));
    agent1 = token("agent-1", Role.AGENT, List.of("team-a"));
    agent2 = token("agent-2", Role.AGENT, List.of("team-b"));
  }

  JsonObject overrides() {
    return new JsonObject();
  }

  String token(String sub, Role role, List<String> teams) {
    return service.jwt().mint(sub, role, teams, Duration.ofMinutes(5));
  }

  // ---- HTTP, with every answer checked against the contract

  HttpResponse<Buffer> call(String operationId, HttpMethod method, String uri, String token, Object body,
                            Map<String, String> headers) {
    HttpRequest<Buffer> request = client.request(method, service.port(), "127.0.0.1", uri);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    headers.forEach(request::putHeader);
    HttpResponse<Buffer> response = Connections.await(method + " " + uri, body == null ? request.send()
        : body instanceof JsonObject json ? request.sendJsonObject(json)
        : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body.toString())));
    assertMatchesContract(operationId, response);
    return response;
  }

  HttpResponse<Buffer> get(String operationId, String uri, String token) {
    return call(operationId, HttpMethod.GET, uri, token, null, Map.of());
  }

  HttpResponse<Buffer> post(String operationId, String uri, String token, Object body) {
    return call(operationId, HttpMethod.POST, uri, token, body, Map.of());
  }

  void assertMatchesContract(String operationId, HttpResponse<Buffer> response) {
    String contentType = response.getHeader("Content-Type");
    if (response.statusCode() >= 400) {
      assertThat(contentType).as("errors are problem+json").isEqualTo("application/problem+json");
      JsonObject problem = response.bodyAsJsonObject();
      assertThat(problem.getString("type")).startsWith(Problem.BASE);
      assertThat(problem.getInteger("status")).isEqualTo(response.statusCode());
    }
    // Bodies the validator cannot read as one JSON value (YAML, newline-delimited JSON) are checked by their tests.
    if (operationId == null || contentType != null && (!contentType.contains("json") || contentType.contains("ndjson"))) {
      return;
    }
    String mediaType = contentType == null ? null : contentType.startsWith("application/json") ? "application/json"
        : ContractDocument.STAND_INS.getOrDefault(contentType, contentType);
    Map<String, String> headers = new HashMap<>();
    MultiMap all = response.headers();
    all.names().forEach(name -> headers.put(name, all.get(name)));
    ValidatableResponse validatable = response.body() == null || response.body().length() == 0
        ? ValidatableResponse.create(response.statusCode(), headers)
        : ValidatableResponse.create(response.statusCode(), headers, response.body(), mediaType);
    contract.validate(validatable, operationId).await();
  }

  // ---- seeding calls through the integration endpoint, the way a telephony platform would

  JsonObject feed(String callId, String token, String agentId, JsonObject... frames) {
    JsonObject body = new JsonObject().put("frames", new JsonArray(List.of((Object[]) frames)));
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    HttpResponse<Buffer> response = post("postCallFrames", "/v1/calls/" + callId + "/frames", token, body);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** A short call of agent-1 on {@code teamId}, fed by the integrator, ended, and in history. */
  void wholeCall(String callId, String agentId, String teamId) {
    feed(callId, integrator, agentId, callStart(callId, teamId),
        customerSays(callId, 2, "My card was charged twice, you can reach me at dana@example.com"),
        agentSays(callId, 3, "I'm so sorry, Dana. Let me fix that for you right now."),
        end(callId, 4));
    flushHistory();
  }

  void flushHistory() {
    service.journal().flush().await();
  }

  static JsonObject callStart(String callId, String teamId) {
    return new JsonObject().put("type", "call.start").put("callId", callId).put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("id", "cu-1").put("name", "Dana")).put("teamId", teamId);
  }

  static JsonObject customerSays(String callId, long seq, String text) {
    return utterance(callId, seq, "customer", text);
  }

  static JsonObject agentSays(String callId, long seq, String text) {
    return utterance(callId, seq, "agent", text);
  }

  static JsonObject utterance(String callId, long seq, String speaker, String text) {
    return new JsonObject().put("type", "utterance").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 3000)
        .put("speaker", speaker).put("text", text).put("final", true)
        .put("startMs", seq * 3000).put("endMs", seq * 3000 + 2500).put("utteranceId", "u-" + seq);
  }

  static JsonObject end(String callId, long seq) {
    return new JsonObject().put("type", "call.end").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 3000)
        .put("reason", "resolved");
  }

  static String field(HttpResponse<Buffer> problem) {
    return problem.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field");
  }
}
