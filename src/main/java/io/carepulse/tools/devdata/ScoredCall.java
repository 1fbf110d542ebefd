package io.carepulse.tools.devdata;

import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import java.util.ArrayList;
import java.util.List;

/** One call run through the core: its end state, the blend's inputs, and every prompt with when it was shown. */
public record ScoredCall(String callId, CallSummary summary, double[] features, List<Shown> prompts) {

  public record Shown(String kind, long atMs) {
  }

  public static ScoredCall run(String callId, List<CallFrame> frames, CoreConfig config) {
    CallEngine engine = new CallEngine(callId, config);
    List<Shown> shown = new ArrayList<>();
    long start = frames.isEmpty() ? 0 : frames.get(0).ts();
    for (CallFrame frame : frames) {
      CallEngine.Step step = engine.apply(frame);
      for (Prompt prompt : step.prompts()) {
        shown.add(new Shown(prompt.kind().wire(), frame.ts() - start));
      }
    }
    return new ScoredCall(callId, engine.summary(), engine.blendFeatures(), List.copyOf(shown));
  }

  public double callScore() {
    return summary.callScore();
  }
}
