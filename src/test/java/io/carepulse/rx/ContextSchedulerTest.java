package io.carepulse.rx;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.processors.PublishProcessor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class ContextSchedulerTest {

  @Test
  void timedBufferEmitsOnTheOwningContext(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    PublishProcessor<Integer> frames = PublishProcessor.create();
    List<List<Integer>> batches = new ArrayList<>();
    frames.buffer(50, TimeUnit.MILLISECONDS, new ContextScheduler(context), 3)
        .filter(batch -> !batch.isEmpty())
        .subscribe(batch -> test.verify(() -> {
          assertThat(Vertx.currentContext()).isSameAs(context);
          batches.add(batch);
          if (batches.size() == 2) {
            // three by count at once, then the rest when the time span closes
            assertThat(batches).containsExactly(List.of(1, 2, 3), List.of(4));
            test.completeNow();
          }
        }));
    context.runOnContext(v -> List.of(1, 2, 3, 4).forEach(frames::onNext));
  }

  @Test
  void disposedDelayedTaskNeverRuns(Vertx vertx, VertxTestContext test) {
    Context context = vertx.getOrCreateContext();
    ContextScheduler scheduler = new ContextScheduler(context);
    scheduler.scheduleDirect(() -> test.failNow("a disposed task ran"), 30, TimeUnit.MILLISECONDS).dispose();
    Flowable.timer(120, TimeUnit.MILLISECONDS, scheduler).subscribe(tick -> test.completeNow());
  }
}
