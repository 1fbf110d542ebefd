package io.carepulse.score;

/**
 * Personal touch: using the customer's name (credited a few times, then no more: overuse sounds scripted)
 * and courtesy.
 */
final class PersonalTouchDetector {

  private final double nameValue;
  private final double nameRepeatWeight;
  private final int nameMaxCredited;
  private final double courtesyValue;
  private final double courtesyWeight;
  private int nameUses;

  PersonalTouchDetector(ScoringModel model) {
    nameValue = model.number("personal.nameValue");
    nameRepeatWeight = model.number("personal.nameRepeatWeight");
    nameMaxCredited = (int) model.number("personal.nameMaxCredited");
    courtesyValue = model.number("personal.courtesyValue");
    courtesyWeight = model.number("personal.courtesyWeight");
  }

  void agentTurn(Turn turn, Conversation conversation, Observations out) {
    if (usesName(turn, conversation)) {
      nameUses++;
      out.signal(Signal.Kind.NAME_USED);
      if (nameUses <= nameMaxCredited) {
        out.evidence(Part.PERSONAL, nameValue, nameUses == 1 ? 1.0 : nameRepeatWeight, "used_name", turn.ref(),
            "Agent used the customer's name");
      }
    }
    if (turn.has(Cue.COURTESY)) {
      out.evidence(Part.PERSONAL, courtesyValue, courtesyWeight, "courtesy", turn.ref(), "Agent was courteous");
    }
  }

  boolean nameUsed() {
    return nameUses > 0;
  }

  private static boolean usesName(Turn turn, Conversation conversation) {
    for (String name : conversation.customerNameTokens()) {
      if (turn.tokens().contains(name)) {
        return true;
      }
    }
    return false;
  }
}
