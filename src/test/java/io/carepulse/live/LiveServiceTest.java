package io.carepulse.live;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.carepulse.auth.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the real service — two server instances, so agents land on different event loops — on a random port of the
 * per-test Vert.x instance, and keeps every test client in a field.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class LiveServiceTest {

  static final String SECRET = "test-secret-test-secret-test-secret-0001";

  Vertx vertx;
  CarePulseService service;
  PrometheusMeterRegistry meters;
  final List<AgentClient> clients = new ArrayList<>();

  @BeforeEach
  void keepVertx(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void closeClients() {
    clients.forEach(AgentClient::close);
  }

  void start() {
    start(new JsonObject());
  }

  void start(JsonObject overrides) {
    JsonObject settings = new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("jwtSecret", SECRET).put("serverInstances", 2)
        .mergeIn(overrides);
    meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    service = CarePulseService.start(vertx, AppConfig.from(settings, Map.of()), meters).await();
  }

  int port() {
    return service.port();
  }

  String token(String sub, Role role) {
    return service.jwt().mint(sub, role, List.of("team-a"), Duration.ofMinutes(5));
  }

  String agentToken(String sub) {
    return token(sub, Role.AGENT);
  }

  /** An agent authenticated by header, welcomed. */
  AgentClient agent(String sub) {
    return keep(AgentClient.withHeader(vertx, port(), agentToken(sub)));
  }

  /** An agent of {@code team} (a call.start must name one of the token's teams). */
  AgentClient agentOf(String sub, String team) {
    return keep(AgentClient.withHeader(vertx, port(),
        service.jwt().mint(sub, Role.AGENT, List.of(team), Duration.ofMinutes(5))));
  }

  AgentClient keep(AgentClient client) {
    clients.add(client);
    return client;
  }

  AgentClient connect(String bearer) {
    return keep(AgentClient.connect(vertx, port(), bearer));
  }
}
