package io.carepulse.live;

import static io.carepulse.live.Frames.agentSays;
import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.carepulse.auth.Role;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core (src/test/browser). The
 * script signs in with a supervisor token; this test drives calls through the agent endpoint; the page must show the
 * call, its changing score and its alert, and a whisper typed in the page must reach the agent's socket. Saves
 * target/dashboard.png on each run.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DashboardBrowserTest extends LiveServiceTest {

  private static final Path SCRIPT_DIR = Path.of("src/test/browser");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SCREENSHOT = Path.of("target/dashboard.png");

  private Process node;
  private final StringBuilder stderr = new StringBuilder();

  @AfterEach
  void stopBrowser() {
    if (node != null && node.isAlive()) {
      node.destroyForcibly();
    }
  }

  @Test
  void aSupervisorSeesTheCallItsScoreAndAlert_andWhispersToTheAgent() throws Exception {
    requireTools();
    npmCiIfNeeded();
    start();
    Files.createDirectories(SCREENSHOT.getParent());
    ProcessBuilder builder = new ProcessBuilder("node", "dashboard.mjs").directory(SCRIPT_DIR.toFile());
    builder.environment().put("BASE_URL", "http://127.0.0.1:" + port() + "/");
    builder.environment().put("TOKEN", token("supervisor-1", Role.SUPERVISOR));
    builder.environment().put("CALL_ID", "call-7");
    builder.environment().put("SCREENSHOT", SCREENSHOT.toAbsolutePath().toString());
    node = builder.start();
    BlockingQueue<JsonObject> steps = new LinkedBlockingQueue<>();
    readLines(node.getInputStream(), line -> steps.add(new JsonObject(line)));
    readLines(node.getErrorStream(), line -> {
      synchronized (stderr) {
        stderr.append(line).append('\n');
      }
    });
    Writer toNode = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);

    awaitStep(steps, "signed-in");
    AgentClient maria = agent("agent-1");
    AgentClient sam = agent("agent-2");
    AgentClient lee = agent("agent-3");
    maria.send(callStart("call-7").put("customer", new JsonObject().put("name", "Dana Whitfield")));
    maria.awaitAck("call-7", 1);
    maria.send(agentSays("call-7", 2, "Thank you for calling Harper Valley Bank, how can I help?"));
    maria.awaitAck("call-7", 2);
    startCalmCall(sam);
    startRecoveringCall(lee);
    awaitStep(steps, "call-visible");

    maria.send(customerSays("call-7", 3, "This is ridiculous! You charged my card twice and nobody fixed it."));
    maria.awaitAck("call-7", 3);
    maria.send(agentSays("call-7", 4, "That's not my department, there's nothing I can do."));
    maria.awaitAck("call-7", 4);
    maria.send(customerSays("call-7", 5, "I've had enough. I want to speak to a manager right now."));
    maria.awaitAck("call-7", 5);
    toNode.write("continue\n");
    toNode.close();

    JsonObject changed = awaitStep(steps, "score-changed");
    assertThat(changed.getString("to")).isNotEqualTo(changed.getString("from"));
    awaitStep(steps, "alert-shown");
    awaitStep(steps, "whispered");
    JsonObject whisper = maria.expectSkippingCoaching("whisper");
    assertThat(whisper.getString("text")).isEqualTo("Offer the goodwill credit now");
    assertThat(whisper.getString("from")).isEqualTo("supervisor-1");
    awaitStep(steps, "done");
    assertThat(node.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as("node exit; stderr:\n%s", stderr).isZero();
    assertThat(SCREENSHOT).exists();
  }

  /** A pleasant call, so the page shows more than one row. */
  private static void startCalmCall(AgentClient agent) {
    agent.send(callStart("call-3").put("customer", new JsonObject().put("name", "Greg Hall")));
    agent.send(agentSays("call-3", 2, "Good morning Greg, thanks for calling, how can I help you today?"));
    agent.send(customerSays("call-3", 3, "Hi, I'd like to update the address on my account please."));
    agent.send(agentSays("call-3", 4, "Of course Greg, I'll update that for you right now. What is the new address?"));
    agent.send(customerSays("call-3", 5, "Great, thank you so much, that is really helpful."));
    agent.awaitAck("call-3", 5);
  }

  /** A customer who was upset and is coming round. */
  private static void startRecoveringCall(AgentClient agent) {
    List<JsonObject> frames = SupervisorFeedTest.scenario("angry-acknowledged-recovers", "call-12");
    frames.subList(0, 8).forEach(agent::send);
    agent.awaitAck("call-12", 8);
  }

  private JsonObject awaitStep(BlockingQueue<JsonObject> steps, String name) throws InterruptedException {
    JsonObject step = steps.poll(30, TimeUnit.SECONDS);
    if (step == null || !name.equals(step.getString("step"))) {
      synchronized (stderr) {
        fail("browser script: expected step " + name + ", got " + step + "; its stderr:\n" + stderr);
      }
    }
    return step;
  }

  private static void readLines(java.io.InputStream stream, java.util.function.Consumer<String> consumer) {
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          consumer.accept(line);
        }
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    }, "browser-output");
    reader.setDaemon(true);
    reader.start();
  }

  private void requireTools() {
    boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
    String missing = !Files.isExecutable(CHROMIUM) ? "/usr/bin/chromium (apt-get install chromium)"
        : !onPath("node") ? "node (apt-get install nodejs npm)" : null;
    if (missing != null) {
      String message = "The dashboard browser test needs " + missing + ".";
      if (ci) {
        fail(message + " CI must install it (see docs/supervisor.md).");
      }
      Assumptions.abort(message + " Skipped outside CI.");
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static void npmCiIfNeeded() throws Exception {
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
