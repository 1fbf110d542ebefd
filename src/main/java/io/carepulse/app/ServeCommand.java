package io.carepulse.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the service (default).")
public final class ServeCommand implements Callable<Integer> {

  @Option(names = "--config", description = "JSON config file; CAREPULSE_* environment variables override it")
  Path configFile;

  @Option(names = "--model", paramLabel = "ID|FILE",
      description = "score model: care-2 (default), care-1, or a model file written by calibrate; overrides the config")
  String model;

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config;
    try {
      AppConfig loaded = AppConfig.load(configFile, System.getenv());
      config = model != null ? loaded.withModel(model) : loaded;
      io.carepulse.calibrate.ModelFiles.config(config.model());
    } catch (AppConfig.Invalid | IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("carepulse: cannot start: " + e.getMessage());
      return 2;
    }
    if (config.logFormat() == AppConfig.LogFormat.JSON) {
      JsonLogs.enable();
    }
    Logger log = LoggerFactory.getLogger(ServeCommand.class);

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(meters))
        .build();
    CarePulseService service;
    try {
      service = CarePulseService.start(vertx, config, meters).await();
    } catch (Exception e) {
      System.err.println("carepulse: cannot start: " + e.getMessage());
      vertx.close();
      return 1;
    }
    log.atInfo().addKeyValue("port", service.port()).addKeyValue("instances", config.serverInstances())
        .log("CarePulse serving on port {}", service.port());
    if (config.developmentMode()) {
      DevelopmentMode.announce(System.out, service);
    }

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("shutting down: draining agent connections");
      try {
        service.shutdown().toCompletionStage().toCompletableFuture()
            .get(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        log.warn("agents not drained within {}: {}", config.shutdownGrace(), e.toString());
      }
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        log.warn("Vert.x did not close cleanly: {}", e.toString());
      }
      log.info("stopped");
      stopped.countDown();
    }, "carepulse-shutdown"));
    stopped.await();
    return 0;
  }
}
