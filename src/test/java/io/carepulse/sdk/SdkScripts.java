package io.carepulse.sdk;

import static org.assertj.core.api.Assertions.fail;

import io.carepulse.testing.BrowserTools;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the agent SDK's own scripts (web/agent-sdk) with Node: `npm ci` first when node_modules is missing, then a
 * command whose output is collected; stdout and stderr are echoed to the test log as they come.
 */
final class SdkScripts {

  static final Path SDK_DIR = Path.of("web/agent-sdk");

  private SdkScripts() {
  }

  /** Node (and, when asked, chromium) must be there; outside CI a missing tool skips the test with a message. */
  static void requireTools(boolean chromium) {
    BrowserTools.require(chromium, "The agent SDK tests");
  }

  static synchronized void npmCiIfNeeded() throws Exception {
    if (Files.isDirectory(SDK_DIR.resolve("node_modules/ws"))
        && Files.isDirectory(SDK_DIR.resolve("node_modules/playwright-core"))
        && Files.isDirectory(SDK_DIR.resolve("node_modules/jssip"))) {
      return;
    }
    Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SDK_DIR.toFile())
        .redirectErrorStream(true).start();
    String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
      fail("npm ci in " + SDK_DIR + " failed:\n" + output);
    }
  }

  /** The finished run of a script: exit code and its lines. */
  record Run(int exit, List<String> out, List<String> err) {
    String all() {
      return String.join("\n", out) + "\n--- stderr\n" + String.join("\n", err);
    }
  }

  static Run run(List<String> command, Map<String, String> env, long timeoutSeconds) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(SDK_DIR.toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    Thread o = pipe(process.getInputStream(), out, "sdk-out");
    Thread e = pipe(process.getErrorStream(), err, "sdk-err");
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      o.join(2000);
      e.join(2000);
      fail(command + " did not finish within " + timeoutSeconds + " s:\n" + new Run(-1, out, err).all());
    }
    o.join(5000);
    e.join(5000);
    return new Run(process.exitValue(), List.copyOf(out), List.copyOf(err));
  }

  private static Thread pipe(InputStream stream, List<String> into, String name) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          System.out.println("[" + name + "] " + line);
          synchronized (into) {
            into.add(line);
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
    }, name);
    reader.setDaemon(true);
    reader.start();
    return reader;
  }
}
