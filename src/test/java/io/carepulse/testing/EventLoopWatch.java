package io.carepulse.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
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

  private static final Reports REPORTS = new Reports();

  static {
    REPORTS.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
    REPORTS.start();
    Logger checker = (Logger) LoggerFactory.getLogger(CHECKER_LOGGER);
    checker.setLevel(Level.WARN);
    checker.addAppender(REPORTS);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    REPORTS.take();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    List<String> blocked = REPORTS.take();
    if (!blocked.isEmpty() && context.getExecutionException().isEmpty()) {
      throw new AssertionError("a Vert.x thread was blocked during " + context.getDisplayName() + ": " + blocked);
    }
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
