package io.carepulse.engine;

import io.carepulse.coach.Holdout;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.CallerHistory;

/**
 * What a call starts from besides its own frames, fixed at its call.start: the model that scores it, what care memory
 * knew of the customer, the agent's baseline and the call's arm in the team's uplift experiment (null when none ran).
 * The live shell looks these up once; kept with the call, they let a restart, a fail-over or an offline replay rebuild
 * the call exactly as it ran, whatever history and playbooks say by then (docs/persistence.md "Restart").
 */
public record CallContext(String model, CallerHistory history, AgentBaseline baseline, Holdout.Assignment holdout) {

  public CallContext {
    history = history == null ? CallerHistory.NONE : history;
    baseline = baseline == null ? AgentBaseline.NONE : baseline;
  }

  /** A call with nothing remembered, as {@code config} would start it now. */
  public static CallContext fresh(String callId, CoreConfig config) {
    return of(callId, config, CallerHistory.NONE, AgentBaseline.NONE);
  }

  /** The context the shell builds at call start: the team's config decides the model and the holdout arm. */
  public static CallContext of(String callId, CoreConfig config, CallerHistory history, AgentBaseline baseline) {
    return new CallContext(config.modelId(), history, baseline, config.holdout().assign(callId).orElse(null));
  }
}
