package io.carepulse.live;

import io.carepulse.score.CallerHistory;
import java.time.Instant;

/**
 * What a live call needs to remember its customer: their earlier calls, looked up once at call start without
 * blocking (the application keeps them at hand). Only calls that started before {@code startedAt} count, so a
 * recovered call is given the history it first had.
 */
public interface CallerMemory {

  /** No memory: every call starts from the model's prior. */
  CallerMemory NONE = (customerId, startedAt) -> CallerHistory.NONE;

  CallerHistory recall(String customerId, Instant startedAt);
}
