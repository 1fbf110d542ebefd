package io.carepulse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The jar serves the agent SDK at /sdk/* and the demo agent page at /agent, beside the dashboard at /. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentSdkRoutesTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    JsonObject settings = new JsonObject().put("httpHost", "127.0.0.1").put("httpPort", 0)
        .put("jwtSecret", ControlledService.SECRET).put("serverInstances", 1);
    port = CarePulseService.start(vertx, AppConfig.from(settings, Map.of()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await().port();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theSdkModulesAreServedAsJavaScript() throws Exception {
    for (String file : new String[] {"carepulse-agent.js", "carepulse-features-worklet.js", "carepulse-coach.js",
        "carepulse-jssip.js"}) {
      HttpResponse<String> response = get("/sdk/" + file);
      assertThat(response.statusCode()).as(file).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type").orElse("")).as(file).contains("javascript");
    }
    assertThat(get("/sdk/carepulse-agent.js").body()).contains("export class CarePulseAgent");
    assertThat(get("/sdk/carepulse-agent.d.ts").statusCode()).isEqualTo(200);
    assertThat(get("/sdk/package.json").body()).contains("\"name\": \"@carepulse/agent-sdk\"");
    assertThat(get("/sdk/demo/sample-call.json").statusCode()).isEqualTo(200);
  }

  @Test
  void theDemoAgentPageIsAtSlashAgent() throws Exception {
    HttpResponse<String> page = get("/agent");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("<carepulse-coach").contains("/sdk/demo/demo.js");
    assertThat(get("/agent/").statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheSdkIsServed_notItsTestsNorTheRestOfTheClasspath() throws Exception {
    assertThat(get("/sdk/test/client.test.mjs").statusCode()).isEqualTo(404);
    assertThat(get("/sdk/node_modules/ws/package.json").statusCode()).isEqualTo(404);
    assertThat(get("/sdk/package-lock.json").statusCode()).isEqualTo(404);
    assertThat(get("/sdk/../model/care-1.properties").statusCode()).isEqualTo(404);
    assertThat(get("/sdk/%2e%2e/model/care-1.properties").statusCode()).isEqualTo(404);
    assertThat(get("/").body()).as("the dashboard still answers /").contains("<html");
  }
}
