package io.carepulse.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long command on the terminal: a bar with the count, the rate and the time left, on stderr, drawn by
 * me.tongfei:progressbar. Only when stderr is a terminal: piped or redirected output stays clean, and a CI log never
 * fills with redraws. Without a terminal every method does nothing, so callers need no checks of their own.
 */
public final class Progress implements AutoCloseable {

  private static final Progress NONE = new Progress(null);

  private final ProgressBar bar;

  private Progress(ProgressBar bar) {
    this.bar = bar;
  }

  /** A bar for {@code total} items (0 when unknown yet: see {@link #maxHint}). */
  public static Progress of(String task, long total, String unit) {
    if (!stderrIsTerminal()) {
      return NONE;
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
        .setUpdateIntervalMillis(250)
        .showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setSpeedUnit(ChronoUnit.SECONDS)
        .build();
    return new Progress(bar);
  }

  /** No bar, whatever the terminal: for tests and for output a caller knows is not for people. */
  public static Progress none() {
    return NONE;
  }

  public boolean shown() {
    return bar != null;
  }

  public void step() {
    if (bar != null) {
      bar.step();
    }
  }

  public void stepTo(long done) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  public void maxHint(long total) {
    if (bar != null) {
      bar.maxHint(total);
    }
  }

  public void extra(String message) {
    if (bar != null) {
      bar.setExtraMessage(message);
    }
  }

  /**
   * Lines printed to the same terminal while the bar is drawn must first clear the bar's line, or they would be
   * appended to it; the bar redraws itself below on its next tick.
   */
  public String clearLine() {
    return bar == null ? "" : "\r\u001b[2K";
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }

  /**
   * Whether fd 2 is a terminal. On Linux /proc says so exactly (a tty or pty device); elsewhere the JVM only knows
   * whether it has an interactive console at all, which is the best approximation there. TERM=dumb means no.
   */
  public static boolean stderrIsTerminal() {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    Path fd = Path.of("/proc/self/fd/2");
    if (Files.exists(fd, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try {
        String target = Files.readSymbolicLink(fd).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      } catch (IOException | UnsupportedOperationException e) {
        return false;
      }
    }
    return System.console() != null;
  }
}
