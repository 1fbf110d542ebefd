package io.carepulse.app;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.BindException;
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

  @Option(names = "--cluster",
      description = "join a cluster (docs/cluster.md): CAREPULSE_CLUSTER_HOST, _PORT and _MEMBERS say where; same as CAREPULSE_CLUSTER=true")
  boolean cluster;

  /** The Vert.x instance of a served process: Micrometer metrics, JVM metrics included, scraped at /metrics. */
  static Vertx withMetrics(PrometheusMeterRegistry meters) {
    return Vertx.builder().with(options()).withMetrics(new MicrometerMetricsFactory(meters)).build();
  }

  static VertxOptions options() {
    return new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .setJvmMetricsEnabled(true));
  }

  /** What the ready line says of the cluster, or null when not clustered. */
  static String clusterLine(CarePulseService service) {
    var ownership = service.ownership();
    if (!ownership.clustered()) {
      return null;
    }
    AppConfig config = service.config();
    return "cluster node " + ownership.node() + " at " + config.clusterHost() + ":" + config.clusterPort() + ", "
        + ownership.members().size() + " member(s); failover "
        + (config.pgUrl() != null ? "on (calls resume on a survivor from PostgreSQL)"
            : "OFF: no " + AppConfig.envName("pgUrl") + ", so a node's calls end with it");
  }

  /** Where a person on this machine reaches the service: the bind address, or localhost for all interfaces. */
  static String publicHost(AppConfig config) {
    String host = config.httpHost();
    return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
  }

  /** Why the service did not start, in words that say what to change. */
  static String startFailure(Throwable failure, AppConfig config) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return "port " + config.httpPort() + " on " + config.httpHost() + " is already in use (another CarePulse, "
            + "or another program). Stop it, or choose a free port with " + AppConfig.envName("httpPort")
            + " (e.g. " + AppConfig.envName("httpPort") + "=8081), or httpPort in the --config file.";
      }
    }
    return failure.getMessage();
  }

  @Override
  public Integer call() throws InterruptedException {
    AppConfig config;
    try {
      AppConfig loaded = AppConfig.load(configFile, System.getenv());
      AppConfig modelled = model != null ? loaded.withModel(model) : loaded;
      config = cluster ? modelled.clustered() : modelled;
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
    CarePulseService service;
    if (config.cluster()) {
      try {
        service = ClusterStart.start(config, meters).await();
      } catch (Exception e) {
        System.err.println("carepulse: cannot start: " + startFailure(e, config));
        return 1;
      }
    } else {
      Vertx plain = withMetrics(meters);
      try {
        service = CarePulseService.start(plain, config, meters).await();
      } catch (Exception e) {
        System.err.println("carepulse: cannot start: " + startFailure(e, config));
        plain.close();
        return 1;
      }
    }
    Vertx vertx = service.vertx();
    String base = "http://" + publicHost(config) + ":" + service.port();
    var ready = log.atInfo().addKeyValue("model", config.model()).addKeyValue("instances", config.serverInstances());
    if (config.logFormat() == AppConfig.LogFormat.JSON) {
      ready = ready.addKeyValue("port", service.port());
    }
    ready.log("CarePulse ready: dashboard {}/ · leader view {}/leaders · agents ws://{}/v1/agent · REST {}/v1 "
        + "(contract {}/v1/openapi.yaml)", base, base, base.substring("http://".length()), base, base);
    String clustered = clusterLine(service);
    if (clustered != null) {
      if (config.pgUrl() == null) {
        log.warn("CarePulse {}", clustered);
      } else {
        log.info("CarePulse {}", clustered);
      }
    }
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
