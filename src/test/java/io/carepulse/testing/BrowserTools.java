package io.carepulse.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * What the browser and Node tests need on the machine: node and npm on the PATH and, for a browser, Debian's chromium
 * at exactly /usr/bin/chromium (the scripts launch that path). Outside CI a missing tool skips the test with a message;
 * under {@code CI=true} (.ci/run exports it) it fails the test, so a CI machine without them can never pass by skipping.
 */
public final class BrowserTools {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private BrowserTools() {
  }

  /** Checks this machine, with this process's environment. */
  public static void require(boolean chromium, String who) {
    require(chromium, who, System.getenv(), CHROMIUM);
  }

  static void require(boolean chromium, String who, Map<String, String> env, Path chromiumPath) {
    String path = env.getOrDefault("PATH", "");
    String missing = !onPath("node", path) || !onPath("npm", path) ? "node and npm (apt-get install nodejs npm)"
        : chromium && !Files.isExecutable(chromiumPath)
            ? chromiumPath + " (apt-get install chromium fonts-dejavu-core)" : null;
    if (missing == null) {
      return;
    }
    String message = who + " need " + missing + ".";
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      fail(message + " CI must install it (.ci/run does).");
    }
    Assumptions.abort(message + " Skipped outside CI.");
  }

  private static boolean onPath(String command, String path) {
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
