package io.carepulse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SDK's client against the real service, with Node's test runner (web/agent-sdk/test/*.test.mjs): sequencing, ack
 * bookkeeping, resume after a dropped socket and after close 1001 at a server stop, persistence across a reload, the
 * buffer bound. The scripts stop and restart the service through {@link ControlledService}'s control endpoint.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgentSdkNodeTest {

  @Test
  void theClientKeepsEveryFrameOnce_acrossDropsRestartsAndReloads() throws Exception {
    SdkScripts.requireTools(false);
    SdkScripts.npmCiIfNeeded();
    Path figures = Path.of("target/agent-sdk/node-figures.json").toAbsolutePath();
    Files.createDirectories(figures.getParent());
    try (ControlledService service = ControlledService.start("sdk_node")) {
      List<String> command = new java.util.ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
      try (var files = Files.list(SdkScripts.SDK_DIR.resolve("test"))) {
        files.map(f -> "test/" + f.getFileName()).filter(f -> f.endsWith(".test.mjs")).sorted().forEach(command::add);
      }
      SdkScripts.Run run = SdkScripts.run(command, Map.of(
          "CAREPULSE_URL", "ws://127.0.0.1:" + service.port() + "/v1/agent",
          "CAREPULSE_HTTP", "http://127.0.0.1:" + service.port(),
          "CAREPULSE_CONTROL", "http://127.0.0.1:" + service.controlPort(),
          "FIGURES", figures.toString()), 220);
      assertThat(run.exit()).as("node --test failed:\n%s", run.all()).isZero();
      assertThat(run.out()).anyMatch(line -> line.matches("^# pass [1-9][0-9]*$"));
      assertThat(run.out()).anyMatch(line -> line.equals("# fail 0"));
    }
  }
}
