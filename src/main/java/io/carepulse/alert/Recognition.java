package io.carepulse.alert;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.Signal;
import java.util.Optional;

/**
 * Decides whether a call earns its agent kudos when it ends. A strong recovery is worth more than a call that was easy
 * from the start, so it wins when both apply. At most one kudos per call. Not thread-safe: one call, one owner.
 */
public final class Recognition {

  private final String callId;
  private final AlertSettings settings;
  private int finalTurns;
  private boolean recovered;
  private boolean relapsed;

  public Recognition(String callId, AlertSettings settings) {
    this.callId = callId;
    this.settings = settings;
  }

  public void applied(CallFrame frame, CallEngine.Step step) {
    if (frame instanceof Utterance utterance && utterance.isFinal()) {
      finalTurns++;
    }
    for (Signal signal : step.signals()) {
      switch (signal.kind()) {
        // The core's "recovered": customer mood was at or below recovery.lowMood and came back to recoveredMood.
        case CUSTOMER_RECOVERED -> {
          recovered = true;
          relapsed = false;
        }
        case CUSTOMER_ESCALATION, CUSTOMER_CHURN_THREAT -> relapsed = recovered;
        default -> {
        }
      }
    }
  }

  /**
   * The kudos this call earned, if any. {@code completed} is false when the call ended because its agent never came
   * back: nobody is recognised for a dropped call.
   */
  public Optional<Kudos> ended(boolean completed, CallSummary summary) {
    if (!completed || finalTurns < settings.kudosMinTurns()) {
      return Optional.empty();
    }
    String id = callId + "-kudos";
    if (recovered && !relapsed && summary.score() - summary.minScore() >= settings.recoveryPoints()) {
      return Optional.of(new Kudos(id, callId, KudosReason.STRONG_RECOVERY,
          "Turned the call around: the customer went from upset to positive (score " + summary.minScore() + " → "
              + summary.score() + ")", summary.score(), summary.callScore(), summary.minScore()));
    }
    if (summary.callScore() >= settings.topBandScore()) {
      return Optional.of(new Kudos(id, callId, KudosReason.TOP_BAND,
          "Top-band call: call score " + summary.callScore(), summary.score(), summary.callScore(),
          summary.minScore()));
    }
    return Optional.empty();
  }
}
