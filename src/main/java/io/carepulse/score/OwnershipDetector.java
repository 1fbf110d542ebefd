package io.carepulse.score;

/**
 * Ownership: first-person commitments ("I'll", "let me") and concrete next steps raise it; deflection
 * ("not my department", "you'll have to") lowers it more than a commitment raises it, because customers
 * remember being pushed away.
 */
final class OwnershipDetector {

  private final double commitmentValue;
  private final double nextStepValue;
  private final double deflectionValue;
  private final double deflectionWeight;

  OwnershipDetector(ScoringModel model) {
    commitmentValue = model.number("ownership.commitmentValue");
    nextStepValue = model.number("ownership.nextStepValue");
    deflectionValue = model.number("ownership.deflectionValue");
    deflectionWeight = model.number("ownership.deflectionWeight");
  }

  void agentTurn(Turn turn, Observations out) {
    if (turn.has(Cue.DEFLECTION)) {
      out.evidence(Part.OWNERSHIP, deflectionValue, deflectionWeight, "deflection", turn.ref(),
          "Agent deflected: \"" + turn.cues().get(Cue.DEFLECTION) + "\"");
      out.signal(Signal.Kind.DEFLECTION);
    }
    if (turn.has(Cue.NEXT_STEP)) {
      out.evidence(Part.OWNERSHIP, nextStepValue, 1.0, "next_step", turn.ref(),
          "Agent gave a concrete next step: \"" + turn.cues().get(Cue.NEXT_STEP) + "\"");
      out.signal(Signal.Kind.NEXT_STEP_GIVEN);
    } else if (turn.has(Cue.COMMITMENT)) {
      out.evidence(Part.OWNERSHIP, commitmentValue, 1.0, "commitment", turn.ref(),
          "Agent committed to act: \"" + turn.cues().get(Cue.COMMITMENT) + "\"");
    }
    if (turn.has(Cue.COMMITMENT) || turn.has(Cue.NEXT_STEP)) {
      out.signal(Signal.Kind.COMMITMENT_MADE);
    }
  }
}
