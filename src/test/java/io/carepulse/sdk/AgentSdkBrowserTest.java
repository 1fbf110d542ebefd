package io.carepulse.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo agent page at /agent in Debian's headless chromium (web/agent-sdk/test/browser/agent-page.mjs), its
 * microphone a synthesized WAV (src/test/resources/agent-sdk/agent-mic.wav): real audio becomes acoustic frames with
 * plausible values, a prompt renders in the widget, feedback reaches the server, and a kill and restart of the service
 * in the middle of the call loses no frame and stores none twice. Writes target/agent-sdk/browser-figures.json (resume
 * counts, acoustic summary, the worklet's CPU) and target/agent-sdk/agent-page.png.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class AgentSdkBrowserTest {

  @Test
  void theDemoAgentPage_coachesFromRealAudio_andResumesAcrossAKill() throws Exception {
    SdkScripts.requireTools(true);
    SdkScripts.npmCiIfNeeded();
    Path out = Path.of("target/agent-sdk").toAbsolutePath();
    Files.createDirectories(out);
    Path figures = out.resolve("browser-figures.json");
    Files.deleteIfExists(figures);
    try (ControlledService service = ControlledService.start("sdk_browser")) {
      SdkScripts.Run run = SdkScripts.run(List.of("node", "test/browser/agent-page.mjs"), Map.of(
          "BASE_URL", "http://127.0.0.1:" + service.port(),
          "CONTROL", "http://127.0.0.1:" + service.controlPort(),
          "TOKEN", service.token("agent-demo", Role.AGENT),
          "WAV", Path.of("src/test/resources/agent-sdk/agent-mic.wav").toAbsolutePath().toString(),
          "FIGURES", figures.toString(),
          "SCREENSHOT", out.resolve("agent-page.png").toString()), 220);
      assertThat(run.exit()).as("agent page script failed:\n%s", run.all()).isZero();
      assertThat(run.out()).anyMatch(line -> line.contains("\"step\":\"done\""));
      assertThat(figures).exists();
    }
  }
}
