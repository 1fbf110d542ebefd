package io.carepulse.live;

import io.carepulse.app.Main;
import io.carepulse.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One service process, started as {@code serve} runs it ({@code java -jar target/carepulse.jar}, here from the test
 * class path: the jar is built after the tests), its log in a file under target/. A small heap and the quick JIT tier:
 * a handful of these share two cores with the build.
 */
final class NodeProcess implements AutoCloseable {

  final String name;
  final int httpPort;
  final Path log;
  private final Process process;

  private NodeProcess(String name, int httpPort, Path log, Process process) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.process = process;
  }

  static NodeProcess start(String name, int httpPort, Map<String, String> env, String... jvmOptions) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "node-logs"));
      Path log = dir.resolve(name + ".log");
      List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx200m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
          // the product's logging, not the tests' (which hides the ready line)
          "-Dlogback.configurationFile=logback.xml"));
      command.addAll(List.of(jvmOptions));
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().keySet().removeIf(key -> key.startsWith("CAREPULSE_"));
      builder.environment().putAll(env);
      builder.environment().put("CAREPULSE_HTTP_HOST", "127.0.0.1");
      builder.environment().put("CAREPULSE_HTTP_PORT", String.valueOf(httpPort));
      return new NodeProcess(name, httpPort, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the ready line; fails at once, with the log, if the process exits instead. */
  void awaitReady(Duration timeout) {
    Await.until(timeout, name + " ready (log " + log + ")", () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + output());
      }
      return output().contains("CarePulse ready");
    });
  }

  /** The Prometheus text this node's /metrics serves to {@code adminToken}. */
  String metrics(String adminToken) throws IOException, InterruptedException {
    return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + httpPort
        + "/metrics")).header("Authorization", "Bearer " + adminToken).timeout(Duration.ofSeconds(20)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The members this node's /ready counts, or -1 while it does not answer. */
  int members() {
    try {
      java.net.http.HttpResponse<String> ready = HTTP.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create("http://127.0.0.1:" + httpPort + "/ready")).timeout(Duration.ofSeconds(5)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      for (Object check : new io.vertx.core.json.JsonObject(ready.body()).getJsonArray("checks")) {
        io.vertx.core.json.JsonObject data = ((io.vertx.core.json.JsonObject) check).getJsonObject("data");
        if (data != null && data.containsKey("members")) {
          return data.getJsonArray("members").size();
        }
      }
      return -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

  /** kill -9: no shutdown hook, no leave; the cluster finds out by itself. */
  void kill() {
    process.destroyForcibly();
  }

  /** SIGTERM: the service's shutdown hook drains it, as an orchestrator stopping the process would. */
  void terminate() {
    process.destroy();
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
