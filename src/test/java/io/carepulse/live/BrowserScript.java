package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.carepulse.testing.BrowserTools;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A playwright-core script in src/test/browser, driving Debian's headless chromium, that talks to its JUnit test
 * over stdout (one JSON line per step) and stdin (one word per "go on"). Without chromium or node the test is
 * skipped, except under CI=true, where it fails. Screenshots go to target/screenshots/.
 */
final class BrowserScript implements AutoCloseable {

  static final Path SCRIPT_DIR = Path.of("src/test/browser");
  static final Path SCREENSHOTS = Path.of("target/screenshots");

  private final Process node;
  private final BlockingQueue<JsonObject> steps = new LinkedBlockingQueue<>();
  private final StringBuilder stderr = new StringBuilder();
  private final Writer toNode;

  private BrowserScript(Process node) {
    this.node = node;
    readLines(node.getInputStream(), line -> {
      if (line.startsWith("{")) {
        steps.add(new JsonObject(line));
      }
    });
    readLines(node.getErrorStream(), line -> {
      synchronized (stderr) {
        stderr.append(line).append('\n');
      }
    });
    toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Starts {@code script} with {@code env} (BASE_URL, tokens, …) and SCREENSHOTS set to the screenshot folder. */
  static BrowserScript start(String script, Map<String, String> env) throws Exception {
    BrowserTools.require(true, "The browser tests");
    npmCiIfNeeded();
    Files.createDirectories(SCREENSHOTS);
    ProcessBuilder builder = new ProcessBuilder("node", script).directory(SCRIPT_DIR.toFile());
    builder.environment().putAll(env);
    builder.environment().put("SCREENSHOTS", SCREENSHOTS.toAbsolutePath().toString());
    return new BrowserScript(builder.start());
  }

  /** The next step, which must be {@code name}; its stderr explains a failure. */
  JsonObject await(String name) throws InterruptedException {
    JsonObject step = steps.poll(40, TimeUnit.SECONDS);
    if (step == null || !name.equals(step.getString("step"))) {
      fail("browser script: expected step " + name + ", got " + step + "; its stderr:\n" + stderr());
    }
    return step;
  }

  /** Lets the script go on past a point where it waits for the test. */
  void proceed(String word) throws IOException {
    toNode.write(word + "\n");
    toNode.flush();
  }

  /** Waits for the script to end and checks it ended well. */
  void finish() throws Exception {
    toNode.close();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node ended; stderr:\n%s", stderr()).isTrue();
    assertThat(node.exitValue()).as("node exit; stderr:\n%s", stderr()).isZero();
  }

  String stderr() {
    synchronized (stderr) {
      return stderr.toString();
    }
  }

  @Override
  public void close() {
    if (node.isAlive()) {
      node.destroyForcibly();
    }
  }

  private static void readLines(InputStream stream, Consumer<String> consumer) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          consumer.accept(line);
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, "browser-output");
    reader.setDaemon(true);
    reader.start();
  }

  private static synchronized void npmCiIfNeeded() throws Exception {
    if (Files.isDirectory(SCRIPT_DIR.resolve("node_modules/playwright-core"))) {
      return;
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SCRIPT_DIR.toFile())
        .redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!npm.waitFor(120, TimeUnit.SECONDS) || npm.exitValue() != 0) {
      fail("npm ci in " + SCRIPT_DIR + " failed:\n" + output);
    }
  }
}
