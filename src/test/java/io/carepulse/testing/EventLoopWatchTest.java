package io.carepulse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EventLoopWatchTest {

  @Test
  void aBlockedEventLoopIsReportedToTheWatch() {
    // A Vert.x of its own with a short limit, so the test blocks a loop for a fraction of a second, not for seconds.
    Vertx vertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(20)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS).setMaxEventLoopExecuteTime(100)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    try {
      Promise<Void> unblocked = Promise.promise();
      vertx.runOnContext(v -> {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < end) {
          Thread.onSpinWait();
        }
        unblocked.complete();
      });
      unblocked.future().await(10, TimeUnit.SECONDS);
      Await.until("the checker's report", () -> !EventLoopWatch.peek().isEmpty());
      // Taken here, so that this test itself passes: any other test with such a report fails.
      List<String> reports = EventLoopWatch.takeReports();
      assertThat(reports).anyMatch(r -> r.contains("vert.x-eventloop-thread") && r.contains("has been blocked"));
      assertThat(reports).allSatisfy(r -> assertThat(EventLoopWatch.blockedMillis(r)).isBetween(100L, 60_000L));
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      vertx.close().await();
    }
  }
}
