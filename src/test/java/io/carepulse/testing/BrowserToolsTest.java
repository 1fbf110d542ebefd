package io.carepulse.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BrowserToolsTest {

  private static final Path NO_CHROMIUM = Path.of("/nonexistent/chromium");
  private static final String PATH = System.getenv().getOrDefault("PATH", "");

  @Test
  void underCi_aMissingChromiumFailsTheTest_naming_theExactPath() {
    assertThatThrownBy(() -> BrowserTools.require(true, "The browser tests", Map.of("CI", "true", "PATH", PATH),
        NO_CHROMIUM)).isInstanceOf(AssertionError.class).isNotInstanceOf(TestAbortedException.class)
        .hasMessageContaining("/nonexistent/chromium");
  }

  @Test
  void underCi_missingNodeFailsTheTest() {
    assertThatThrownBy(() -> BrowserTools.require(false, "The SDK tests", Map.of("CI", "true", "PATH", "/nowhere"),
        NO_CHROMIUM)).isInstanceOf(AssertionError.class).hasMessageContaining("node and npm");
  }

  @Test
  void outsideCi_aMissingToolSkipsTheTestWithAMessage() {
    assertThatThrownBy(() -> BrowserTools.require(true, "The browser tests", Map.of("PATH", PATH), NO_CHROMIUM))
        .isInstanceOf(TestAbortedException.class).hasMessageContaining("Skipped outside CI");
  }

  @Test
  void aNodeOnlyTestDoesNotNeedChromium() {
    org.junit.jupiter.api.Assumptions.assumeTrue(PATH.contains("/usr/bin") || PATH.contains("/bin"), "a PATH with node");
    assertThatCode(() -> BrowserTools.require(false, "The SDK tests", Map.of("CI", "true", "PATH", PATH), NO_CHROMIUM))
        .doesNotThrowAnyException();
  }
}
