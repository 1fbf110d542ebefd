package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.carepulse.testing.Await;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image as README.md tells an operator to run it. No Docker engine runs on the build machines, so the parts that
 * can break without one are checked here: the entry point takes `docker run` arguments, its JVM flags exist, the
 * service starts on the image's Java with them, and the README's own `docker run` line carries a secret the service
 * accepts.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
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
    int version = runtimeVersion();
    // JDK 17's ZGC is single-generation: measured, its tail was three times G1's (docs/performance.md).
    if (entryPoint().contains("-XX:+UseZGC")) {
      assertThat(version).as("the runtime image's Java version").isGreaterThanOrEqualTo(21);
    }
  }

  /**
   * The service starts on the image's Java with the image's flags (the jar is built and tested on 17; the image runs
   * a newer Java). Needs that Java on this machine (a JDK under /usr/lib/jvm, or JAVA_<version>_HOME); without it the
   * test is skipped and says so.
   */
  @Test
  void theServiceStartsOnTheImagesJava_withTheImagesFlags(@TempDir Path dir) throws Exception {
    int version = runtimeVersion();
    Path javaHome = jdk(version);
    Assumptions.assumeTrue(javaHome != null, "no Java " + version + " on this machine (JAVA_" + version + "_HOME)");
    List<String> entry = entryPoint();
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(),
        "-XX:MaxRAM=512m"));
    command.addAll(entry.subList(1, entry.indexOf("-jar")));
    command.addAll(List.of("-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve"));
    Path log = dir.resolve("serve.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("CAREPULSE_"));
    builder.environment().putAll(Map.of("CAREPULSE_HTTP_HOST", "127.0.0.1", "CAREPULSE_HTTP_PORT", "0",
        "CAREPULSE_JWT_SECRET", "test-secret-test-secret-test-secret-0001", "CAREPULSE_SERVER_INSTANCES", "1"));
    Process serve = builder.start();
    try {
      Await.until(Duration.ofSeconds(120), "the ready line on Java " + version, () -> {
        assertThat(serve.isAlive()).as("serve is running: %s", read(log)).isTrue();
        return read(log).contains("CarePulse ready");
      });
    } finally {
      serve.destroyForcibly();
      serve.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int runtimeVersion() throws IOException {
    Matcher runtime = RUNTIME.matcher(Files.readString(Path.of("Dockerfile")));
    int version = 0;
    while (runtime.find()) {
      version = Integer.parseInt(runtime.group(1));
    }
    assertThat(version).as("Dockerfile's runtime image is eclipse-temurin:N-jre").isPositive();
    return version;
  }

  /** A JDK of that major version: JAVA_<version>_HOME, or one under /usr/lib/jvm whose release file says so. */
  private static Path jdk(int version) throws IOException {
    String home = System.getenv("JAVA_" + version + "_HOME");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "java"))) {
      return Path.of(home);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (var candidates = Files.list(jvms)) {
      for (Path candidate : candidates.sorted().toList()) {
        Path release = candidate.resolve("release");
        if (Files.isReadable(release) && Files.isExecutable(candidate.resolve("bin").resolve("java"))
            && Files.readString(release).contains("JAVA_VERSION=\"" + version + ".")) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
