package io.carepulse.live;

import io.carepulse.app.AppConfig;
import io.carepulse.app.CarePulseService;
import io.carepulse.auth.Role;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real service on its own Vert.x instance, so a test can stop it the hard way (closing that instance, as a crash
 * or a kill would) and start another on the same database. Frames are not rate limited: tests send bursts.
 */
public final class DurableService implements AutoCloseable {

  public static final String SECRET = LiveServiceTest.SECRET;

  public final Vertx vertx = Vertx.vertx();
  public final CarePulseService service;

  private DurableService(JsonObject settings) throws Exception {
    JsonObject all = new JsonObject()
        .put("httpHost", "127.0.0.1").put("httpPort", 0).put("jwtSecret", SECRET).put("serverInstances", 2)
        .put("framesPerSecond", 100_000).put("journalFlushInterval", "20ms")
        .mergeIn(settings);
    service = CarePulseService.start(vertx, AppConfig.from(all, Map.of()),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).await(20, TimeUnit.SECONDS);
  }

  /** With history in PostgreSQL at {@code pgUrl} (null: in memory). */
  public static DurableService start(String pgUrl, JsonObject settings) throws Exception {
    JsonObject all = settings.copy();
    if (pgUrl != null) {
      all.put("pgUrl", pgUrl);
    }
    return new DurableService(all);
  }

  public int port() {
    return service.port();
  }

  /** An agent of team-a and of hvb, the team of the recorded sample calls. */
  public String agentToken(String sub) {
    return service.jwt().mint(sub, Role.AGENT, List.of("team-a", "hvb"), Duration.ofMinutes(5));
  }

  /** Stops abruptly: sockets drop, nothing is drained; only what PostgreSQL committed survives. */
  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
