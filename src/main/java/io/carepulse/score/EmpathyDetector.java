package io.carepulse.score;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Empathy: the agent acknowledging feelings. It is worth most as the answer to a negative customer turn, and worth
 * less each time the same stock phrase comes back (customers hear a script). A negative turn answered by a
 * substantive reply without acknowledgement counts against.
 */
final class EmpathyDetector {

  private final double negativeTurn;
  private final double value;
  private final double responsiveValue;
  private final double responsiveWeight;
  private final double repeatPenalty;
  private final double missedValue;
  private final int minSubstantiveWords;
  private final Map<String, Integer> phraseUses = new HashMap<>();
  private Turn awaitingAcknowledgement;

  EmpathyDetector(ScoringModel model) {
    negativeTurn = model.number("empathy.negativeTurn");
    value = model.number("empathy.value");
    responsiveValue = model.number("empathy.responsiveValue");
    responsiveWeight = model.number("empathy.responsiveWeight");
    repeatPenalty = model.number("empathy.repeatPenalty");
    missedValue = model.number("empathy.missedValue");
    minSubstantiveWords = (int) model.number("empathy.minSubstantiveWords");
  }

  void customerTurn(Turn turn, Observations out) {
    boolean upset = turn.valence() <= negativeTurn || turn.has(Cue.ESCALATION) || turn.has(Cue.CHURN_THREAT);
    if (upset) {
      awaitingAcknowledgement = turn;
      out.signal(Signal.Kind.CUSTOMER_NEGATIVE);
    }
  }

  void agentTurn(Turn turn, Observations out) {
    String phrase = turn.cues().get(Cue.EMPATHY);
    if (phrase != null) {
      int uses = phraseUses.merge(phrase, 1, Integer::sum);
      boolean answersUpset = awaitingAcknowledgement != null;
      double base = answersUpset ? responsiveValue : value;
      double weight = (answersUpset ? responsiveWeight : 1.0) / uses;
      String text = answersUpset ? "Agent acknowledged the customer's feelings right after they were upset"
          : "Agent acknowledged the customer's feelings";
      if (uses > 1) {
        text = "Agent repeated a stock phrase (\"" + phrase + "\", " + uses + " times): worth less each time";
      }
      List<String> frames = answersUpset
          ? List.of(awaitingAcknowledgement.ref(), turn.ref()) : List.of(turn.ref());
      out.evidence(Part.EMPATHY, base - repeatPenalty * (uses - 1), weight,
          uses > 1 ? "repeated_stock_empathy" : answersUpset ? "acknowledged_feelings" : "empathy", frames, text);
      out.signal(Signal.Kind.EMPATHY_SHOWN);
      awaitingAcknowledgement = null;
    } else if (awaitingAcknowledgement != null && substantive(turn)) {
      out.evidence(Part.EMPATHY, missedValue, 1.0, "missed_acknowledgement",
          List.of(awaitingAcknowledgement.ref(), turn.ref()),
          "Customer was upset and the agent moved on without acknowledging it");
      out.signal(Signal.Kind.MISSED_ACKNOWLEDGEMENT);
      awaitingAcknowledgement = null;
    }
  }

  boolean substantive(Turn turn) {
    return turn.words() >= minSubstantiveWords;
  }
}
