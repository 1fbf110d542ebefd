package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without the cluster settings nothing of the cluster is touched: no class of ours, no Hazelcast instance. On this
 * class path Vert.x's service discovery still instantiates vertx-hazelcast's cluster manager (an empty constructor:
 * a few interface classes load, nothing starts); the jar drops that service entry, so {@code java -jar} loads not even
 * that (docs/cluster.md).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PlainStartTest {

  @Test
  void aPlainServe_loadsNoClusterClass(@TempDir Path dir) throws Exception {
    Path log = dir.resolve("serve.log");
    ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
            .toString(), "-verbose:class", "-Xmx200m", "-XX:TieredStopAtLevel=1",
        "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve"))
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("CAREPULSE_"));
    builder.environment().putAll(java.util.Map.of("CAREPULSE_HTTP_HOST", "127.0.0.1", "CAREPULSE_HTTP_PORT", "0",
        "CAREPULSE_JWT_SECRET", "test-secret-test-secret-test-secret-0001", "CAREPULSE_SERVER_INSTANCES", "1"));
    Process serve = builder.start();
    try {
      Await.until(Duration.ofSeconds(150), "the ready line", () -> {
        assertThat(serve.isAlive()).as("serve is running").isTrue();
        try {
          return Files.readString(log).contains("CarePulse ready");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } finally {
      serve.destroyForcibly();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
    String loaded = Files.readString(log);
    assertThat(loaded).as("-verbose:class lists what was loaded").contains("io.carepulse.app.CarePulseService");
    assertThat(loaded).as("no class of ours").doesNotContain("io.carepulse.cluster.")
        .doesNotContain("io.carepulse.app.ClusterStart");
    assertThat(loaded).as("no Hazelcast instance, config or network").doesNotContain("com.hazelcast.instance.")
        .doesNotContain("com.hazelcast.internal.").doesNotContain("com.hazelcast.config.NetworkConfig")
        .doesNotContain("io.vertx.spi.cluster.hazelcast.impl.HazelcastAsyncMap");
  }
}
