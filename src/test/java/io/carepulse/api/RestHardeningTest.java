package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, defects 8 and 10 on the REST side: what integrators' HTTP stacks expect (415, WWW-Authenticate, Allow,
 * 429 with RateLimit and Retry-After), /metrics closed on the public port, and webhooks refused when they aim at
 * loopback, link-local or private addresses. Every answer is checked against openapi.yaml.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestHardeningTest extends RestServiceTest {

  private static final String METRICS_TOKEN = "metrics-token-metrics-token-metrics-0001";

  @Override
  JsonObject overrides() {
    return new JsonObject().put("restRequestsPerSecond", 5).put("metricsToken", METRICS_TOKEN);
  }

  @Test
  void aBodyThatIsNotJson_is415() {
    HttpResponse<Buffer> response = call("postCallOutcome", HttpMethod.POST, "/v1/calls/c1/outcome",
        token("crm-415", Role.INTEGRATOR, List.of()), null,
        Map.of("Content-Type", "text/plain", "Idempotency-Key", "k1", "Content-Length", "0"));
    // An empty body needs no type; a text body is refused before it is read.
    HttpResponse<Buffer> text = client.post(service.port(), "127.0.0.1", "/v1/calls/c1/outcome")
        .bearerTokenAuthentication(token("crm-415b", Role.INTEGRATOR, List.of()))
        .putHeader("Content-Type", "text/plain").putHeader("Idempotency-Key", "k1")
        .sendBuffer(Buffer.buffer("csat=5")).await();
    assertMatchesContract("postCallOutcome", text);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(text.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "unsupported-media-type");
    assertThat(response.statusCode()).isNotEqualTo(415);
  }

  @Test
  void a401_namesTheScheme_andSaysWhenTheTokenWasBad() {
    HttpResponse<Buffer> none = get("listCalls", "/v1/calls", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"carepulse\"");
    HttpResponse<Buffer> bad = get("listCalls", "/v1/calls", "not-a-token");
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"carepulse\", error=\"invalid_token\"");
  }

  @Test
  void a405_listsTheMethodsThePathTakes() {
    HttpResponse<Buffer> response = call(null, HttpMethod.DELETE, "/v1/teams/team-a/playbook",
        token("admin-405", Role.ADMIN, List.of()), null, Map.of());
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.getHeader("Allow")).isEqualTo("GET, PUT");
  }

  @Test
  void pastItsBudget_aTokenGets429_withRateLimitAndRetryAfter_whileAnotherTokenIsServed() {
    String busy = token("crm-busy", Role.INTEGRATOR, List.of());
    HttpResponse<Buffer> first = get("listCalls", "/v1/calls", busy);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("RateLimit-Policy")).isEqualTo("\"per-token\";q=10;w=2");
    assertThat(first.getHeader("RateLimit")).startsWith("\"per-token\";r=9;");
    HttpResponse<Buffer> refused = null;
    for (int i = 0; i < 30 && refused == null; i++) {
      HttpResponse<Buffer> next = get("listCalls", "/v1/calls", busy);
      if (next.statusCode() == 429) {
        refused = next;
      }
    }
    assertThat(refused).as("a 429 within 30 quick requests on a budget of 10").isNotNull();
    assertThat(refused.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "rate-limited");
    assertThat(Integer.parseInt(refused.getHeader("Retry-After"))).isBetween(1, 2);
    assertThat(refused.getHeader("RateLimit")).startsWith("\"per-token\";r=0;");
    assertThat(get("listCalls", "/v1/calls", token("crm-calm", Role.INTEGRATOR, List.of())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void metricsOnThePublicPort_needTheMetricsTokenOrAnAdmin() {
    HttpResponse<Buffer> open = get("metrics", "/metrics", null);
    assertThat(open.statusCode()).isEqualTo(401);
    assertThat(open.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(get("metrics", "/metrics", token("crm-m", Role.INTEGRATOR, List.of())).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> withToken = get("metrics", "/metrics", METRICS_TOKEN);
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(withToken.bodyAsString()).contains("carepulse_calls_active");
    assertThat(get("metrics", "/metrics", token("admin-m", Role.ADMIN, List.of())).statusCode()).isEqualTo(200);
  }

  @Test
  void webhooksToLoopbackLinkLocalOrPrivateAddresses_areRefusedByDefault() {
    String admin = token("admin-w", Role.ADMIN, List.of());
    for (String url : List.of("http://127.0.0.1:9/hooks", "http://localhost/hooks", "http://169.254.169.254/latest",
        "http://10.1.2.3/h", "http://192.168.0.10/h", "http://[::1]/h", "http://[fd00::1]/h", "http://100.64.0.1/h")) {
      HttpResponse<Buffer> refused = post("createWebhook", "/v1/webhooks", admin, new JsonObject().put("url", url)
          .put("events", new JsonArray().add("call.ended")));
      assertThat(refused.statusCode()).as(url).isEqualTo(400);
      assertThat(field(refused)).isEqualTo("body.url");
    }
    assertThat(get("listWebhooks", "/v1/webhooks", admin).bodyAsJsonObject().getJsonArray("items")).isEmpty();
  }
}
