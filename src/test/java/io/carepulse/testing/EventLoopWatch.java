package io.carepulse.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test during which any Vert.x thread was blocked past Vert.x's limit (2 s for an event loop by default):
 * nothing may block an event loop, and one blocked for seconds is a bug, not a flake. Registered for every test class
 * (META-INF/services, autodetection on in junit-platform.properties). It listens to Vert.x's own blocked-thread
 * checker, which every Vert.x instance runs, through its logger, so it sees the instances tests make themselves too.
 */
public final class EventLoopWatch implements BeforeEachCallback, AfterEachCallback {

  /** Where Vert.x 5 reports a blocked thread (BlockedThreadChecker.LOGGER_NAME). */
  static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";

  /**
   * Vert.x reports from 2 s on; the test fails from 5 s (-Dcarepulse.test.blockedFailMs): on a two-core box shared
   * with other builds (load 40 and more, measured) a loop that only waits for the CPU is reported blocked for 2–3 s.
   * The machine line in the failure tells a starved box from a blocked loop.
   */
  static final long FAIL_AT_MS = Long.getLong("carepulse.test.blockedFailMs", 5_000);
  private static final Pattern BLOCKED_FOR = Pattern.compile("blocked for (\\d+) ms");
  private static final Reports REPORTS = new Reports();

  /**
   * Attaches the watch to the checker's logger, again if need be: the service's JSON logging (JsonLogs) resets the
   * logging context, which stops and detaches every appender, when a test starts it in-process with json logs.
   */
  private static synchronized void attach() {
    Logger checker = (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
    if (checker.getAppender(REPORTS.getName()) != null && REPORTS.isStarted()) {
      return;
    }
    REPORTS.setName("event-loop-watch");
    REPORTS.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    REPORTS.start();
    checker.setLevel(Level.WARN);
    checker.addAppender(REPORTS);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    attach();
    REPORTS.take();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> blocked = REPORTS.take().stream().filter(report -> blockedMillis(report) >= FAIL_AT_MS).toList();
    if (!blocked.isEmpty() && context.getExecutionException().isEmpty()) {
      throw new AssertionError("a Vert.x thread was blocked for " + FAIL_AT_MS + " ms or more during "
          + context.getDisplayName() + ": " + blocked + "; " + Connections.machine());
    }
  }

  /** The milliseconds in a checker report ("… has been blocked for 2764 ms, time limit is 2000 ms"). */
  static long blockedMillis(String report) {
    Matcher matcher = BLOCKED_FOR.matcher(report);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
  }

  /** Reports since the last take, without taking them. */
  static List<String> peek() {
    return REPORTS.peek();
  }

  /** Reports since the last take; the next test starts with none. */
  static List<String> takeReports() {
    return REPORTS.take();
  }

  /** The checker's reports since the last take; from the checker's timer thread. */
  private static final class Reports extends AppenderBase<ILoggingEvent> {
    private final List<String> seen = new ArrayList<>();

    @Override
    protected synchronized void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
        seen.add(event.getFormattedMessage());
      }
    }

    synchronized List<String> peek() {
      return List.copyOf(seen);
    }

    synchronized List<String> take() {
      List<String> taken = List.copyOf(seen);
      seen.clear();
      return taken;
    }
  }
}
