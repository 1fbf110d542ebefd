package io.carepulse.app;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * The management port (CAREPULSE_MANAGEMENT_PORT, bound to CAREPULSE_MANAGEMENT_HOST, loopback by default): /metrics,
 * /health and /ready without a token, for a scraper and probes that sit on a private network, away from the public
 * port where /metrics needs a token.
 */
final class ManagementVerticle extends VerticleBase {

  private final AppConfig config;
  private final Operations operations;
  private HttpServer server;

  ManagementVerticle(AppConfig config, Operations operations) {
    this.config = config;
    this.operations = operations;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.get("/metrics").handler(operations.metrics());
    router.get("/health").handler(operations.health());
    router.get("/ready").handler(operations.ready());
    return vertx.createHttpServer(new HttpServerOptions().setHost(config.managementHost())
            .setPort(config.managementPort())).requestHandler(router).listen().onSuccess(s -> server = s);
  }

  int actualPort() {
    return server.actualPort();
  }
}
