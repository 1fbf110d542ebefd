package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AppConfigTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef";

  @Test
  void defaultsNeedNothing() {
    AppConfig config = AppConfig.defaults();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.httpHost()).isEqualTo("0.0.0.0");
    assertThat(config.developmentMode()).isTrue();
    assertThat(config.pgUrl()).isNull();
    assertThat(config.maxFrameBytes()).isEqualTo(65536);
    assertThat(config.resumeWindow()).isEqualTo(Duration.ofSeconds(120));
    assertThat(config.helloTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.TEXT);
    assertThat(config.frameBurst()).isEqualTo(2 * config.framesPerSecond());
  }

  @Test
  void environmentOverridesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("carepulse.json");
    Files.writeString(file, new JsonObject().put("httpPort", 9000).put("resumeWindow", "30s").put("logFormat", "json").encode());
    AppConfig config = AppConfig.load(file, Map.of("CAREPULSE_HTTP_PORT", "9100", "CAREPULSE_JWT_SECRET", SECRET,
        "CAREPULSE_PG_URL", "postgresql://localhost/carepulse", "CAREPULSE_IDLE_TIMEOUT", "500ms"));
    assertThat(config.httpPort()).isEqualTo(9100);
    assertThat(config.resumeWindow()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.logFormat()).isEqualTo(AppConfig.LogFormat.JSON);
    assertThat(config.jwtSecret()).isEqualTo(SECRET);
    assertThat(config.developmentMode()).isFalse();
    assertThat(config.pgUrl()).isEqualTo("postgresql://localhost/carepulse");
  }

  @Test
  void envNamesAreUpperSnakeOfTheKeys() {
    assertThat(AppConfig.envName("httpPort")).isEqualTo("CAREPULSE_HTTP_PORT");
    assertThat(AppConfig.envName("maxCallsPerConnection")).isEqualTo("CAREPULSE_MAX_CALLS_PER_CONNECTION");
  }

  @Test
  void badPortNamesTheVariable() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_HTTP_PORT", "eighty")))
        .isInstanceOf(AppConfig.Invalid.class)
        .hasMessage("CAREPULSE_HTTP_PORT must be an integer from 0 to 65535, got 'eighty'");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_HTTP_PORT", "70000")))
        .hasMessageStartingWith("CAREPULSE_HTTP_PORT must be an integer");
  }

  @Test
  void badValueInTheFileNamesTheKeyAndTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"resumeWindow\":\"soon\"}");
    assertThatThrownBy(() -> AppConfig.load(file, Map.of()))
        .hasMessageStartingWith("resumeWindow in " + file + " must be a duration");
  }

  @Test
  void shortSecretIsRefused() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_JWT_SECRET", "short")))
        .hasMessageStartingWith("CAREPULSE_JWT_SECRET must have at least 32 characters");
  }

  @Test
  void otherBadValues() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_LOG_FORMAT", "xml")))
        .hasMessage("CAREPULSE_LOG_FORMAT must be text or json, got 'xml'");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_PG_URL", "mysql://x")))
        .hasMessage("CAREPULSE_PG_URL must be a postgresql:// URL");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_RESUME_WINDOW", "0s")))
        .hasMessageStartingWith("CAREPULSE_RESUME_WINDOW must be a duration");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_MAX_FRAME_BYTES", "10")))
        .hasMessageStartingWith("CAREPULSE_MAX_FRAME_BYTES must be an integer from 1024");
  }

  @Test
  void postgresSettings_haveDefaults_andAreChecked() {
    AppConfig defaults = AppConfig.defaults();
    assertThat(defaults.pgPoolSize()).isEqualTo(4);
    assertThat(defaults.journalBatchSize()).isEqualTo(1_000);
    assertThat(defaults.journalFlushInterval()).isEqualTo(Duration.ofMillis(50));
    assertThat(defaults.journalQueueBound()).isEqualTo(100_000);
    assertThat(defaults.retentionDays()).isEqualTo(30);

    AppConfig set = AppConfig.from(new JsonObject(), Map.of(
        "CAREPULSE_PG_URL", "postgresql://postgres@127.0.0.1:5432/test", "CAREPULSE_PG_POOL_SIZE", "8",
        "CAREPULSE_JOURNAL_FLUSH_INTERVAL", "100ms", "CAREPULSE_JOURNAL_QUEUE_BOUND", "5000",
        "CAREPULSE_RETENTION_DAYS", "0"));
    assertThat(set.pgUrl()).isEqualTo("postgresql://postgres@127.0.0.1:5432/test");
    assertThat(set.pgPoolSize()).isEqualTo(8);
    assertThat(set.journalFlushInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(set.journalQueueBound()).isEqualTo(5_000);
    assertThat(set.retentionDays()).isZero();

    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_PG_URL", "postgresql://a b@host/db")))
        .hasMessageStartingWith("CAREPULSE_PG_URL must look like postgresql://user[:password]@host:port/database");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_JOURNAL_FLUSH_INTERVAL", "1m")))
        .hasMessage("CAREPULSE_JOURNAL_FLUSH_INTERVAL must be from 5ms to 5000ms, got '1m'");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_JOURNAL_QUEUE_BOUND", "10")))
        .hasMessageStartingWith("CAREPULSE_JOURNAL_QUEUE_BOUND must be an integer from 100");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_PG_POOL_SIZE", "0")))
        .hasMessageStartingWith("CAREPULSE_PG_POOL_SIZE must be an integer from 1");
  }

  @Test
  void clusterSettings_areOffByDefault_andChecked() {
    AppConfig plain = AppConfig.defaults();
    assertThat(plain.cluster()).isFalse();
    assertThat(plain.clusterHost()).isEqualTo("127.0.0.1");
    assertThat(plain.clusterPort()).isEqualTo(5701);
    assertThat(plain.clusterMembers()).isEmpty();

    AppConfig clustered = AppConfig.from(new JsonObject(), Map.of("CAREPULSE_CLUSTER", "true",
        "CAREPULSE_CLUSTER_PORT", "5702", "CAREPULSE_CLUSTER_MEMBERS", "127.0.0.1:5701, 127.0.0.1:5702",
        "CAREPULSE_CLUSTER_HOST", "10.0.0.7"));
    assertThat(clustered.cluster()).isTrue();
    assertThat(clustered.clusterPort()).isEqualTo(5702);
    assertThat(clustered.clusterHost()).isEqualTo("10.0.0.7");
    assertThat(clustered.clusterMembers()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
    assertThat(plain.clustered().cluster()).as("serve --cluster").isTrue();

    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_CLUSTER_MEMBERS", "127.0.0.1:5701-5703")))
        .hasMessageContaining("CAREPULSE_CLUSTER_MEMBERS").hasMessageContaining("no ranges");
    assertThatThrownBy(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_CLUSTER", "maybe")))
        .hasMessageContaining("CAREPULSE_CLUSTER must be true or false");
  }

  @Test
  void unknownKeyInTheFileIsATypo() {
    assertThatThrownBy(() -> AppConfig.from(new JsonObject().put("htpPort", 1), Map.of()))
        .hasMessageStartingWith("unknown setting htpPort");
  }

  @Test
  void unreadableOrNonObjectFile(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> AppConfig.load(dir.resolve("missing.json"), Map.of()))
        .hasMessageStartingWith("cannot read config file");
    Path file = dir.resolve("array.json");
    Files.writeString(file, "[1]");
    assertThatThrownBy(() -> AppConfig.load(file, Map.of())).hasMessageContaining("is not a JSON object");
  }
}
