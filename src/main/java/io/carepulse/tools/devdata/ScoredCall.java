package io.carepulse.tools.devdata;

import io.carepulse.alert.AlertChange;
import io.carepulse.alert.AlertKind;
import io.carepulse.alert.AlertRules;
import io.carepulse.alert.AlertSettings;
import io.carepulse.coach.Prompt;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One call run through the core: its end state, the blend's inputs, every prompt with when it was shown, and the
 * supervisor alerts the default alert settings raised on it.
 */
public record ScoredCall(String callId, CallSummary summary, double[] features, List<Shown> prompts,
                         Set<AlertKind> alerts) {

  public record Shown(String kind, long atMs) {
  }

  public static ScoredCall run(String callId, List<CallFrame> frames, CoreConfig config) {
    CallEngine engine = new CallEngine(callId, config);
    AlertRules alerts = new AlertRules(callId, AlertSettings.forModel(config.modelId()));
    Set<AlertKind> raised = EnumSet.noneOf(AlertKind.class);
    List<Shown> shown = new ArrayList<>();
    long start = frames.isEmpty() ? 0 : frames.get(0).ts();
    for (CallFrame frame : frames) {
      CallEngine.Step step = engine.apply(frame);
      for (Prompt prompt : step.prompts()) {
        // A merged prompt gives each hint it carries.
        for (PromptKind kind : prompt.kinds()) {
          shown.add(new Shown(kind.wire(), frame.ts() - start));
        }
      }
      for (AlertChange change : alerts.applied(frame, step)) {
        if (change.type() == AlertChange.Type.RAISED) {
          raised.add(change.alert().kind());
        }
      }
    }
    return new ScoredCall(callId, engine.summary(), engine.blendFeatures(), List.copyOf(shown),
        Set.copyOf(raised));
  }

  public double callScore() {
    return summary.callScore();
  }
}
