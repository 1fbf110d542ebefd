package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.rx.ContextScheduler;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Supervisor conflation: however often calls change between two flushes, a flush gets each of them once. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChangedCallsTest {

  @Test
  void callsMarkedManyTimesFromSeveralLoops_areFlushedOnceEach_onTheSupervisorsLoop(Vertx vertx, VertxTestContext test) {
    ChangedCalls changes = new ChangedCalls();
    Context supervisor = vertx.getOrCreateContext();
    Context callLoopA = vertx.getOrCreateContext();
    Context callLoopB = vertx.getOrCreateContext();
    supervisor.runOnContext(v -> {
      changes.everyFlush(Duration.ofMillis(100), new ContextScheduler(supervisor))
          .filter(changed -> !changed.isEmpty())
          .firstElement()
          .subscribe(changed -> test.verify(() -> {
            assertThat(Vertx.currentContext()).isSameAs(supervisor);
            assertThat(changed).containsExactlyInAnyOrder("call-1", "call-2", "call-3");
            test.completeNow();
          }));
      // Marked once the flushes are subscribed (marks before that are not seen), from two other loops at once.
      callLoopA.runOnContext(a -> {
        for (int i = 0; i < 500; i++) {
          changes.mark("call-1");
          changes.mark("call-2");
        }
      });
      callLoopB.runOnContext(b -> {
        for (int i = 0; i < 500; i++) {
          changes.mark("call-2");
          changes.mark("call-3");
        }
      });
    });
  }

  @Test
  void whatWaitsIsBoundedByTheCalls_notByTheirChanges(Vertx vertx, VertxTestContext test) {
    ChangedCalls changes = new ChangedCalls();
    Context supervisor = vertx.getOrCreateContext();
    supervisor.runOnContext(v -> {
      changes.everyFlush(Duration.ofHours(1), new ContextScheduler(supervisor)).subscribe(changed -> { });
      for (int i = 0; i < 10_000; i++) {
        changes.mark("call-" + (i % 3));
      }
      test.verify(() -> assertThat(changes.waiting()).isEqualTo(Set.of("call-0", "call-1", "call-2")));
      test.completeNow();
    });
  }
}
