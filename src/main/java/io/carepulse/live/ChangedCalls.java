package io.carepulse.live;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.processors.FlowableProcessor;
import io.reactivex.rxjava3.processors.PublishProcessor;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Calls marked as changed, from any event loop, conflated per flush: what a flush gets is a set, so a call marked a
 * hundred times since the last flush is in it once, and what waits is bounded by the calls in scope, not by how often
 * they change. The reader then sends each call's current row — the latest, never a backlog.
 */
final class ChangedCalls {

  private final FlowableProcessor<String> marks = PublishProcessor.<String>create().toSerialized();
  /** The set being filled now; read by {@link #waiting} from any thread. */
  private volatile Set<String> filling = Set.of();

  /** Cheap and non-blocking; safe from any thread. */
  void mark(String callId) {
    marks.onNext(callId);
  }

  /**
   * One set of the calls marked since the previous one, every {@code interval}, on {@code scheduler} (empty sets
   * too: a flush also sends what else is due). Marks made before the subscription are not seen.
   */
  Flowable<Set<String>> everyFlush(Duration interval, Scheduler scheduler) {
    return marks.buffer(interval.toMillis(), TimeUnit.MILLISECONDS, scheduler, Integer.MAX_VALUE, this::freshSet,
        false);
  }

  /** Calls marked and not handed to a flush yet. */
  Set<String> waiting() {
    return filling;
  }

  private Set<String> freshSet() {
    Set<String> fresh = ConcurrentHashMap.newKeySet();
    filling = fresh;
    return fresh;
  }
}
