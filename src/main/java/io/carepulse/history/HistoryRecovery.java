package io.carepulse.history;

import io.carepulse.live.CallRecovery;
import io.carepulse.live.EndedCall;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CallState;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.StoredFrame;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Finds calls in the durable store after a restart: a live call comes back with its stored frames, decoded with the
 * same reader (and schemas) as frames from the wire, for the registry to replay through the core. Text in stored
 * frames is redacted; the core sees the redacted text on replay, exactly as it is stored.
 */
public final class HistoryRecovery implements CallRecovery {

  private static final int PAGE = 1_000;

  private final CarePulseStore store;
  private final FrameReader reader;
  private final BooleanSupplier storeUp;

  /** {@code storeUp}: false while the store is known to be unreachable, so lookups fail at once instead of timing out. */
  public HistoryRecovery(CarePulseStore store, FrameReader reader, BooleanSupplier storeUp) {
    this.store = store;
    this.reader = reader;
    this.storeUp = storeUp;
  }

  @Override
  public Future<Optional<RecoveredCall>> recover(String callId) {
    if (!storeUp.getAsBoolean()) {
      return Future.failedFuture("history store unavailable");
    }
    return store.call(callId).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.empty());
      }
      CallRecord call = found.get();
      if (call.state() == CallState.ENDED) {
        return Future.succeededFuture(Optional.of(new Ended(new EndedCall(call.callId(), call.agentId(), call.teamId(),
            call.lastSeq(), call.endReason(), call.summary(), call.endedAt()))));
      }
      return framesOf(callId, 0, new ArrayList<>()).map(frames -> {
        if (frames.isEmpty() || !(frames.get(0) instanceof CallStart start) || start.seq() != 1) {
          return Optional.empty();
        }
        return Optional.of(new Live(call.agentId(), start, call.context(), frames));
      });
    });
  }

  private Future<List<CallFrame>> framesOf(String callId, long afterSeq, List<CallFrame> into) {
    return store.frames(callId, afterSeq, PAGE).compose(page -> {
      for (StoredFrame stored : page) {
        FrameRead read = reader.read(stored.frame());
        if (!(read instanceof FrameRead.Accepted accepted) || !(accepted.frame() instanceof CallFrame frame)) {
          return Future.failedFuture(new IllegalStateException("stored frame " + callId + "/" + stored.seq()
              + " is not a valid frame: " + read));
        }
        into.add(frame);
      }
      return page.size() < PAGE ? Future.succeededFuture(into)
          : framesOf(callId, page.get(page.size() - 1).seq(), into);
    });
  }
}
