package io.carepulse.engine;

import io.carepulse.coach.Prompt;
import io.carepulse.protocol.CallFrame;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Trend;
import java.util.List;
import java.util.Optional;

/**
 * The scoring and coaching core for one call: frames in (already sequence-checked), score updates and prompts out.
 * Pure and deterministic: no clock, no I/O, not thread-safe (a call is owned by one thread or event loop).
 * The live service and offline replay both drive exactly this class.
 */
public final class CallEngine {

  private final String callId;
  private ScoreUpdate last;

  public CallEngine(String callId, CoreConfig config) {
    this.callId = callId;
  }

  /** Applies one frame and returns what to send back: maybe a score update, maybe prompts. */
  public Step apply(CallFrame frame) {
    last = new ScoreUpdate(callId, frame.seq(), 0, 50, 50, new Parts(50, 50, 50, 50, 50, 50), Trend.STEADY,
        "care-stub", List.of(), new Recovery(50, 0, 0, 0));
    return new Step(Optional.of(last), List.of());
  }

  public Optional<ScoreUpdate> lastScore() {
    return Optional.ofNullable(last);
  }

  public CallSummary summary() {
    ScoreUpdate s = last;
    return new CallSummary(callId, "care-stub", s == null ? 50 : s.score(), s == null ? 50 : s.callScore(),
        50, s == null ? new Parts(50, 50, 50, 50, 50, 50) : s.parts(), List.of(), new Recovery(50, 0, 0, 0));
  }

  /** The output of one frame. */
  public record Step(Optional<ScoreUpdate> score, List<Prompt> prompts) {
    public Step {
      prompts = List.copyOf(prompts);
    }
  }
}
