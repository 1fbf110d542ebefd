package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The image as README.md tells an operator to run it. No Docker engine runs on the build machines, so the parts that
 * can break without one are checked here: the entry point takes `docker run` arguments, its JVM flags exist, and the
 * README's own `docker run` line carries a secret the service accepts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContainerImageTest {

  private static final Pattern ENTRYPOINT = Pattern.compile("^ENTRYPOINT\\s+(.+)$", Pattern.MULTILINE);
  private static final Pattern RUNTIME = Pattern.compile("^FROM eclipse-temurin:(\\d+)-jre", Pattern.MULTILINE);
  private static final Pattern DOCKER_RUN_SECRET = Pattern.compile("docker run .*-e CAREPULSE_JWT_SECRET=(\\S+)");

  @Test
  void theEntryPointIsExecForm_soRunArgumentsReachServe() throws IOException {
    List<String> entry = entryPoint();
    assertThat(entry).as("exec form starting the JVM itself (a shell form would swallow `docker run` arguments)")
        .first().isEqualTo("java");
    assertThat(entry.subList(entry.size() - 3, entry.size())).containsExactly("-jar", "/app/carepulse.jar", "serve");
    assertThat(entry).contains("-XX:+ExitOnOutOfMemoryError").anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));
  }

  @Test
  void zgcRunsOnlyOnARuntimeWhereItIsGenerational() throws IOException {
    Matcher runtime = RUNTIME.matcher(Files.readString(Path.of("Dockerfile")));
    int version = 0;
    while (runtime.find()) {
      version = Integer.parseInt(runtime.group(1));
    }
    // JDK 17's ZGC is single-generation: measured, its tail was three times G1's (docs/performance.md).
    if (entryPoint().contains("-XX:+UseZGC")) {
      assertThat(version).as("the runtime image's Java version").isGreaterThanOrEqualTo(21);
    }
  }

  @Test
  void theEntryPointsJvmFlags_areAcceptedByTheJvm() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // As in a container with a 256 MB limit: the heap percentages apply to it, and the heap touched at start is small.
    command.add("-XX:MaxRAM=256m");
    List<String> entry = entryPoint();
    command.addAll(entry.subList(1, entry.indexOf("-jar")));
    command.add("-version");
    Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(java.exitValue()).as("%s said: %s", command, output).isZero();
  }

  @Test
  void theReadmesDockerRunLine_usesASecretTheServiceAccepts() throws IOException {
    Matcher run = DOCKER_RUN_SECRET.matcher(Files.readString(Path.of("README.md")));
    assertThat(run.find()).as("README.md has a `docker run … -e CAREPULSE_JWT_SECRET=…` line").isTrue();
    String secret = run.group(1);
    assertThatCode(() -> AppConfig.from(new JsonObject(), Map.of("CAREPULSE_JWT_SECRET", secret)))
        .doesNotThrowAnyException();
    assertThat(AppConfig.from(new JsonObject(), Map.of("CAREPULSE_JWT_SECRET", secret)).developmentMode()).isFalse();
  }

  private static List<String> entryPoint() throws IOException {
    Matcher entry = ENTRYPOINT.matcher(Files.readString(Path.of("Dockerfile")));
    String last = null;
    while (entry.find()) {
      last = entry.group(1).trim();
    }
    assertThat(last).as("Dockerfile has an ENTRYPOINT").isNotNull();
    assertThat(last).as("exec form is a JSON array").startsWith("[");
    List<String> parts = new ArrayList<>();
    new JsonArray(last).forEach(part -> parts.add((String) part));
    return parts;
  }
}
