package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code --version} says what the build made: the pom's version and the commit, never a hand-kept string. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BuildInfoTest {

  @Test
  void versionComesFromTheBuild_withTheCommit() throws Exception {
    BuildInfo build = BuildInfo.current();
    assertThat(build.version()).isNotNull().doesNotContain("${").endsWith("-SNAPSHOT");
    // tests run from a git checkout: the commit is the checkout's HEAD, merge commits included
    assertThat(build.commit()).matches("[0-9a-f]{7,40}");
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (git.waitFor() == 0) {
      assertThat(head).startsWith(build.commit());
    }
    assertThat(build.describe()).startsWith("CarePulse " + build.version() + " (commit " + build.commit());
  }

  @Test
  void everyCommandAnswersVersion() {
    for (String[] args : new String[][] {{"--version"}, {"serve", "--version"}, {"simulate", "--version"}}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CommandLine commandLine = Main.commandLine();
      commandLine.setOut(new PrintWriter(bytes, true, StandardCharsets.UTF_8));
      assertThat(commandLine.execute(args)).isZero();
      assertThat(bytes.toString(StandardCharsets.UTF_8)).startsWith(BuildInfo.current().describe());
    }
  }

  @Test
  void aBuildOutsideGitSaysSo() {
    assertThat(new BuildInfo("1.2.0", null, null).describe())
        .isEqualTo("CarePulse 1.2.0 (commit unknown: built outside a git repository)");
  }
}
