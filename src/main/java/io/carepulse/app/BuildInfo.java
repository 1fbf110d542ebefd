package io.carepulse.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and commit the jar was built from (build/carepulse-build.properties, filled in by Maven), for
 * {@code --version}. A build outside a git repository has no commit: it says so instead of printing a placeholder.
 */
public record BuildInfo(String version, String commit, String built) {

  static final String RESOURCE = "build/carepulse-build.properties";

  public static BuildInfo current() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String commit = value(properties, "commit");
    return new BuildInfo(value(properties, "version"), "unknown".equals(commit) ? null : commit,
        value(properties, "built"));
  }

  /** "CarePulse 0.1.0-SNAPSHOT (commit 1a2b3c4d5e, built 2026-12-01T18:02:11Z)". */
  public String describe() {
    String what = commit == null ? "commit unknown: built outside a git repository" : "commit " + commit;
    return "CarePulse " + (version == null ? "(unknown version)" : version) + " (" + what
        + (built == null ? "" : ", built " + built) + ")";
  }

  /** Unfiltered placeholders and empty values count as unknown. */
  private static String value(Properties properties, String key) {
    String value = properties.getProperty(key);
    return value == null || value.isBlank() || value.startsWith("${") ? null : value.strip();
  }

  /** picocli's hook for {@code --version} on every command. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {current().describe()};
    }
  }
}
