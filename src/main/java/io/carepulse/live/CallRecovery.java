package io.carepulse.live;

import io.carepulse.engine.CallContext;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * Finds a call this process does not hold in memory — typically one that was live when the service restarted — so the
 * {@link CallRegistry} can rebuild it by replaying its frames through the same core. Consulted only for call ids the
 * registry does not know, when an agent resumes the call or sends it a frame. Default: {@link #NONE}.
 */
@FunctionalInterface
public interface CallRecovery {

  /** Nothing survives a restart (the in-memory store). */
  CallRecovery NONE = callId -> Future.succeededFuture(Optional.empty());

  /** The call as history knows it, or empty when it never existed; fails when history cannot be read now. */
  Future<Optional<RecoveredCall>> recover(String callId);

  /** What history holds of a call. */
  sealed interface RecoveredCall permits Live, Ended {
  }

  /**
   * A call that had not ended: who owns it, how it began, what it started from ({@code context}, null when history did
   * not keep it: it is looked up again) and its frames from seq 1 in order (call.start first), which replayed through
   * the core rebuild its state exactly.
   */
  record Live(String agentId, CallStart start, CallContext context, List<CallFrame> frames) implements RecoveredCall {

    public Live {
      frames = List.copyOf(frames);
    }
  }

  /** A call that is over. */
  record Ended(EndedCall call) implements RecoveredCall {
  }
}
