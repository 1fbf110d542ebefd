package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Starting on a port that is taken says which port and how to choose another, and exits 1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServeCommandTest {

  @Test
  void aPortInUse_namesThePortAndTheVariable(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Path config = dir.resolve("carepulse.json");
      Files.writeString(config, "{\"httpHost\": \"127.0.0.1\", \"httpPort\": " + taken.getLocalPort()
          + ", \"jwtSecret\": \"test-secret-test-secret-test-secret-0001\", \"serverInstances\": 1}");
      PrintStream originalErr = System.err;
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status;
      try {
        status = new CommandLine(new ServeCommand()).execute("--config", config.toString());
      } finally {
        System.setErr(originalErr);
      }
      assertThat(status).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("carepulse: cannot start: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
          .contains("CAREPULSE_HTTP_PORT");
    }
  }

  /** With the logging configuration that ships (logback.xml), a normal start logs nothing at WARN or above. */
  @Test
  void aNormalStart_logsNoWarning() throws Exception {
    LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    try {
      configure(logging, "logback.xml");
      // Micrometer warns of a re-registered gauge once per JVM, so an earlier test may have used it up: check the
      // shipped configuration quiets it, then that nothing else warns.
      assertThat(logging.getLogger("io.micrometer.core.instrument.MeterRegistry").getEffectiveLevel())
          .isEqualTo(Level.ERROR);
      events.start();
      logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(events);
      PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      Vertx vertx = ServeCommand.withMetrics(meters);
      try {
        AppConfig config = AppConfig.from(new JsonObject().put("httpHost", "127.0.0.1").put("httpPort", 0)
            .put("serverInstances", 2), Map.of());
        CarePulseService service = CarePulseService.start(vertx, config, meters).await();
        service.shutdown().await();
      } finally {
        vertx.close().await();
      }
    } finally {
      configure(logging, "logback-test.xml");
    }
    assertThat(events.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).isEmpty();
  }

  private static void configure(LoggerContext logging, String resource) throws Exception {
    logging.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(logging);
    configurator.doConfigure(ServeCommandTest.class.getClassLoader().getResource(resource));
  }

  @Test
  void theReadyLineSaysWhereToGo() {
    AppConfig config = AppConfig.from(new JsonObject().put("httpHost", "0.0.0.0"), Map.of());
    assertThat(ServeCommand.publicHost(config)).isEqualTo("localhost");
  }
}
