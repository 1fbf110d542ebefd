package io.carepulse.live;

import io.carepulse.engine.CallEngine;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.WhisperOutcome;
import java.time.Instant;

/**
 * What happens on a live call, told to every {@link CallListener}: the supervisor feed, the history store, webhooks.
 * Events of one call are published in order, on the call's event loop.
 */
public sealed interface CallEvent permits CallEvent.Started, CallEvent.Applied, CallEvent.Whispered,
    CallEvent.Ended {

  CallInfo call();

  default String callId() {
    return call().callId();
  }

  /** The call began (its call.start was applied; an Applied event for that frame follows). */
  record Started(CallInfo call, Instant at) implements CallEvent {
  }

  /** A frame was applied: what the core made of it (score update, prompts, signals). */
  record Applied(CallInfo call, CallFrame frame, CallEngine.Step step, Instant at) implements CallEvent {
  }

  /** A supervisor whispered to the call's agent. */
  record Whispered(CallInfo call, String from, String text, WhisperOutcome outcome, Instant at) implements CallEvent {
  }

  /** The call is over; {@code ended} holds its reason and summary. */
  record Ended(CallInfo call, EndedCall ended) implements CallEvent {
  }
}
