package io.carepulse.score;

import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * care-2's agent behaviour from dialogue acts: empathy, ownership and personal touch. Empathy counts most as the
 * answer to an upset turn; a stock formula ("I understand your frustration") counts against, and so does sympathy
 * that goes on without any action. Ownership rises with commitments, next steps and alternatives and falls with
 * deflection, with bad news that offers nothing instead, and when the customer asks what happens next and is not
 * told. Using the customer's name counts, an agent introducing themselves with the same first name does not.
 */
final class ActConduct {

  private final double negativeTurn;
  private final double empathyValue;
  private final double empathyWeight;
  private final double responsiveValue;
  private final double responsiveWeight;
  private final double apologyValue;
  private final double hollowValue;
  private final double hollowWeight;
  private final double repeatPenalty;
  private final double missedValue;
  private final int minSubstantiveWords;
  private final int sympathyWithoutActionAfter;
  private final double restatedValue;
  private final int restateMinWords;
  private final double sympathyWithoutActionValue;
  private final double commitmentValue;
  private final double nextStepValue;
  private final double alternativeValue;
  private final double reassuranceValue;
  private final double reassuranceWeight;
  private final double deflectionValue;
  private final double deflectionWeight;
  private final double badNewsValue;
  private final double unansweredNextValue;
  private final double nameValue;
  private final double nameRepeatWeight;
  private final int nameMaxCredited;
  private final double courtesyValue;
  private final double courtesyWeight;

  private final Map<String, Integer> phraseUses = new HashMap<>();
  private Turn awaitingAcknowledgement;
  private Turn askedNext;
  private int sympathySinceAction;
  private int nameUses;

  ActConduct(ScoringModel model) {
    negativeTurn = model.number("empathy.negativeTurn");
    empathyValue = model.number("empathy.value");
    empathyWeight = model.number("empathy.weight");
    responsiveValue = model.number("empathy.responsiveValue");
    responsiveWeight = model.number("empathy.responsiveWeight");
    apologyValue = model.number("empathy.apologyValue");
    hollowValue = model.number("empathy.hollowValue");
    hollowWeight = model.number("empathy.hollowWeight");
    repeatPenalty = model.number("empathy.repeatPenalty");
    missedValue = model.number("empathy.missedValue");
    minSubstantiveWords = (int) model.number("empathy.minSubstantiveWords");
    sympathyWithoutActionAfter = (int) model.number("empathy.sympathyWithoutActionAfter");
    restatedValue = model.number("empathy.restatedValue");
    restateMinWords = (int) model.number("empathy.restateMinWords");
    sympathyWithoutActionValue = model.number("empathy.sympathyWithoutActionValue");
    commitmentValue = model.number("ownership.commitmentValue");
    nextStepValue = model.number("ownership.nextStepValue");
    alternativeValue = model.number("ownership.alternativeValue");
    reassuranceValue = model.number("ownership.reassuranceValue");
    reassuranceWeight = model.number("ownership.reassuranceWeight");
    deflectionValue = model.number("ownership.deflectionValue");
    deflectionWeight = model.number("ownership.deflectionWeight");
    badNewsValue = model.number("ownership.badNewsValue");
    unansweredNextValue = model.number("ownership.unansweredNextValue");
    nameValue = model.number("personal.nameValue");
    nameRepeatWeight = model.number("personal.nameRepeatWeight");
    nameMaxCredited = (int) model.number("personal.nameMaxCredited");
    courtesyValue = model.number("personal.courtesyValue");
    courtesyWeight = model.number("personal.courtesyWeight");
  }

  /** A customer turn, read: does it call for acknowledgement, or for a next step? */
  void customerTurn(Turn turn, double valence, TurnActs acts, Observations out) {
    // A turnaround's look back ("thank you, I was in tears this morning") is no upset waiting to be acknowledged.
    boolean upset = (valence <= negativeTurn || acts.anyNegativeCustomerAct() && valence < 0)
        && !acts.has(UtteranceAct.TURNAROUND);
    if (upset) {
      awaitingAcknowledgement = turn;
      out.signal(Signal.Kind.CUSTOMER_NEGATIVE);
    }
    if (acts.has(UtteranceAct.ASKS_NEXT)) {
      askedNext = turn;
    }
  }

  /** The agent's side, as speech recognition writes it (apostrophes dropped: "I'll" is "ill"). */
  private static final Set<String> OWNERS = Set.of("i", "ill", "im", "ive", "id", "we", "weve", "wed", "me", "my",
      "us", "our");
  private static final Set<String> RECEIVED = Set.of("get", "receive", "have", "see");

  boolean substantive(Turn turn) {
    return turn.words() >= minSubstantiveWords;
  }

  /** True when the turn does something about the problem (what resolves a customer's upset). */
  static boolean acts(TurnActs acts) {
    return acts.has(UtteranceAct.COMMITMENT) || acts.has(UtteranceAct.NEXT_STEP)
        || acts.has(UtteranceAct.ALTERNATIVE) || acts.has(UtteranceAct.REASSURANCE) && !acts.has(UtteranceAct.DEFLECTION);
  }

  void agentTurn(Turn turn, TurnActs acts, Conversation conversation, Observations out) {
    empathy(turn, acts, out);
    ownership(turn, acts, out);
    personal(turn, acts, conversation, out);
    if (acts.has(UtteranceAct.OFFERS_TO_CLOSE)) {
      out.signal(Signal.Kind.AGENT_CLOSING);
    }
  }

  /** The customer as the agent speaks to them, as speech recognition writes it ("you're" is "youre"). */
  private static final Set<String> SECOND_PERSON = Set.of("you", "your", "youre", "youve", "youd", "youll", "yours",
      "yourself");

  private static boolean speaksToCustomer(Turn turn) {
    for (String token : turn.tokens()) {
      if (SECOND_PERSON.contains(token)) {
        return true;
      }
    }
    return false;
  }

  private void empathy(Turn turn, TurnActs acts, Observations out) {
    boolean empathy = acts.has(UtteranceAct.EMPATHY);
    // Acknowledging the customer's situation specifically is empathy too: an answer that takes up the upset turn's
    // own words ("two weeks of chasing us and paying for taxis") shows it was heard.
    // Their words in a policy recital ("fees are charged automatically when…") or a refusal ("three weeks is a
    // guide") are not that: the answer must speak to the customer, and not push the problem back.
    boolean restated = !empathy && awaitingAcknowledgement != null
        && !acts.has(UtteranceAct.DEFLECTION) && !acts.has(UtteranceAct.BAD_NEWS) && speaksToCustomer(turn)
        && ListeningDetector.sharedContentWords(turn, awaitingAcknowledgement) >= restateMinWords;
    boolean hollow = acts.has(UtteranceAct.HOLLOW_SYMPATHY) && !empathy;
    boolean apology = acts.has(UtteranceAct.APOLOGY) && !empathy && !hollow;
    boolean acted = acts(acts);
    // Doing something answers an upset, unless the way forward comes wrapped in bad news without a commitment ("you can
    // request an upgrade, but it's not guaranteed"): the refusal is what the customer hears.
    boolean answered = acts.has(UtteranceAct.COMMITMENT) || acted && !acts.has(UtteranceAct.BAD_NEWS);
    boolean answersUpset = awaitingAcknowledgement != null;
    List<String> frames = answersUpset ? List.of(awaitingAcknowledgement.ref(), turn.ref()) : List.of(turn.ref());
    if (restated && !acts.has(UtteranceAct.HOLLOW_SYMPATHY)) {
      out.evidence(Part.EMPATHY, restatedValue, 1.0, "acknowledged_situation", frames,
          "Agent took up the upset customer's own words: their situation was heard");
      out.signal(Signal.Kind.EMPATHY_SHOWN);
      awaitingAcknowledgement = null;
      return;
    }
    if (empathy) {
      String phrase = acts.evidence(UtteranceAct.EMPATHY);
      int uses = phraseUses.merge(phrase, 1, Integer::sum);
      double base = answersUpset ? responsiveValue : empathyValue;
      double weight = (answersUpset ? responsiveWeight : empathyWeight) / uses;
      String text = uses > 1
          ? "Agent repeated a stock phrase (\"" + phrase + "\", " + uses + " times): worth less each time"
          : answersUpset ? "Agent acknowledged how the customer feels, right after they were upset (\"" + phrase + "\")"
          : "Agent acknowledged the customer's situation (\"" + phrase + "\")";
      out.evidence(Part.EMPATHY, base - repeatPenalty * (uses - 1), weight,
          uses > 1 ? "repeated_stock_empathy" : answersUpset ? "acknowledged_feelings" : "empathy", frames, text);
    } else if (hollow) {
      out.evidence(Part.EMPATHY, hollowValue, hollowWeight, "hollow_sympathy", frames,
          "Agent used a stock sympathy formula with nothing specific (\"" + acts.evidence(UtteranceAct.HOLLOW_SYMPATHY)
              + "\")");
    } else if (apology && answersUpset) {
      out.evidence(Part.EMPATHY, apologyValue, 1.0, "apologised", frames,
          "Agent apologised to an upset customer (\"" + acts.evidence(UtteranceAct.APOLOGY) + "\")");
    } else if (answersUpset && turn.words() >= 2 && !acts.has(UtteranceAct.BACKCHANNEL) && !answered) {
      out.evidence(Part.EMPATHY, missedValue, 1.0, "missed_acknowledgement", frames,
          "Customer was upset and the agent moved on without acknowledging it");
      out.signal(Signal.Kind.MISSED_ACKNOWLEDGEMENT);
      awaitingAcknowledgement = null;
    }
    boolean sympathy = empathy || hollow || acts.has(UtteranceAct.APOLOGY);
    if (sympathy) {
      out.signal(Signal.Kind.EMPATHY_SHOWN);
      awaitingAcknowledgement = null;
    } else if (answered && answersUpset) {
      // Acting on the problem is an answer too; it is not empathy, but it is no missed acknowledgement either.
      awaitingAcknowledgement = null;
    }
    if (acted) {
      sympathySinceAction = 0;
    } else if (sympathy && !acts.has(UtteranceAct.QUESTION)) {
      // Sympathy with a question ("that's not fair on you, can I take your registration?") is working the case.
      sympathySinceAction++;
      if (sympathySinceAction >= sympathyWithoutActionAfter) {
        out.evidence(Part.EMPATHY, sympathyWithoutActionValue, 1.0, "sympathy_without_action", turn.ref(),
            "Agent has offered sympathy " + sympathySinceAction + " times without doing anything about the problem");
        out.evidence(Part.OWNERSHIP, sympathyWithoutActionValue, 1.0, "sympathy_without_action", turn.ref(),
            "Sympathy instead of action: no commitment or next step yet");
        out.signal(Signal.Kind.SYMPATHY_WITHOUT_ACTION);
      }
    }
  }

  private void ownership(Turn turn, TurnActs acts, Observations out) {
    boolean deflection = acts.has(UtteranceAct.DEFLECTION);
    if (deflection) {
      out.evidence(Part.OWNERSHIP, deflectionValue, deflectionWeight, "deflection", turn.ref(),
          "Agent deflected: \"" + acts.evidence(UtteranceAct.DEFLECTION) + "\"");
      out.signal(Signal.Kind.DEFLECTION);
    }
    // The score credits any concrete next step; the coach waits for one someone owns (see owned).
    boolean ownedNextStep = acts.has(UtteranceAct.NEXT_STEP) && owned(turn);
    if (acts.has(UtteranceAct.NEXT_STEP)) {
      out.evidence(Part.OWNERSHIP, nextStepValue, 1.0, "next_step", turn.ref(),
          "Agent gave a concrete next step: \"" + acts.evidence(UtteranceAct.NEXT_STEP) + "\"");
      if (ownedNextStep) {
        out.signal(Signal.Kind.NEXT_STEP_GIVEN);
      }
    } else if (acts.has(UtteranceAct.COMMITMENT)) {
      out.evidence(Part.OWNERSHIP, commitmentValue, 1.0, "commitment", turn.ref(),
          "Agent committed to act: \"" + acts.evidence(UtteranceAct.COMMITMENT) + "\"");
    }
    if (acts.has(UtteranceAct.COMMITMENT) || ownedNextStep) {
      out.signal(Signal.Kind.COMMITMENT_MADE);
    }
    boolean alternative = acts.has(UtteranceAct.ALTERNATIVE);
    if (alternative) {
      out.evidence(Part.OWNERSHIP, alternativeValue, 1.0, "offered_alternative", turn.ref(),
          acts.has(UtteranceAct.BAD_NEWS) ? "Agent had bad news and offered an alternative: \""
              + acts.evidence(UtteranceAct.ALTERNATIVE) + "\""
              : "Agent offered a way forward: \"" + acts.evidence(UtteranceAct.ALTERNATIVE) + "\"");
      out.signal(Signal.Kind.COMMITMENT_MADE);
    } else if (acts.has(UtteranceAct.BAD_NEWS) && !deflection && !acts.has(UtteranceAct.COMMITMENT)
        && !acts.has(UtteranceAct.NEXT_STEP)) {
      out.evidence(Part.OWNERSHIP, badNewsValue, 1.0, "bad_news_no_alternative", turn.ref(),
          "Agent said what cannot be done without offering anything instead (\"" + acts.evidence(UtteranceAct.BAD_NEWS)
              + "\")");
      out.signal(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE);
    }
    if (acts.has(UtteranceAct.REASSURANCE) && !deflection) {
      out.evidence(Part.OWNERSHIP, reassuranceValue, reassuranceWeight, "reassured", turn.ref(),
          "Agent reassured with substance: \"" + acts.evidence(UtteranceAct.REASSURANCE) + "\"");
    }
    if (askedNext != null && substantive(turn)) {
      if (!acts.has(UtteranceAct.NEXT_STEP) && !acts.has(UtteranceAct.COMMITMENT) && !alternative) {
        out.evidence(Part.OWNERSHIP, unansweredNextValue, 1.0, "next_step_not_given",
            List.of(askedNext.ref(), turn.ref()), "Customer asked what happens next and was not told");
      }
      askedNext = null;
    }
  }

  /**
   * A next step answers the customer when someone on the agent's side owns it ("I'll", "we", "our team", "let me",
   * "you'll get a text"): "the inbox is looked at within five working days" describes a process and leaves the
   * customer to wait on it.
   */
  private static boolean owned(Turn turn) {
    List<String> tokens = turn.tokens();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (OWNERS.contains(token) || youWillReceive(tokens, i)) {
        return true;
      }
    }
    return false;
  }

  /** "You'll get an email within the hour": something sent to the customer, so someone on our side sends it. */
  private static boolean youWillReceive(List<String> tokens, int i) {
    int verb = tokens.get(i).equals("youll") ? i + 1
        : tokens.get(i).equals("you") && i + 1 < tokens.size() && tokens.get(i + 1).equals("will") ? i + 2 : -1;
    return verb > 0 && verb < tokens.size() && RECEIVED.contains(tokens.get(verb));
  }

  private void personal(Turn turn, TurnActs acts, Conversation conversation, Observations out) {
    if (addressesCustomer(turn.tokens(), spelledEitherWay(conversation.customerNameTokens()))) {
      nameUses++;
      out.signal(Signal.Kind.NAME_USED);
      if (nameUses <= nameMaxCredited) {
        out.evidence(Part.PERSONAL, nameValue, nameUses == 1 ? 1.0 : nameRepeatWeight, "used_name", turn.ref(),
            "Agent used the customer's name");
      }
    }
    if (acts.has(UtteranceAct.COURTESY)) {
      out.evidence(Part.PERSONAL, courtesyValue, courtesyWeight, "courtesy", turn.ref(),
          "Agent was courteous (\"" + acts.evidence(UtteranceAct.COURTESY) + "\")");
    }
  }

  boolean nameUsed() {
    return nameUses > 0;
  }

  /** Words just before a name that make it the speaker's own: "this is Dana", "my name is Dana". */
  private static final List<List<String>> SELF_BEFORE = List.of(List.of("this", "is"), List.of("name", "is"),
      List.of("names"), List.of("im"), List.of("i", "am"), List.of("its"), List.of("it", "is"),
      List.of("call", "me"), List.of("speaking", "with"), List.of("speaking", "to"), List.of("talking", "to"));
  /** Words just after a name that make it the speaker's own: "Dana speaking", "Dana here". */
  private static final java.util.Set<String> SELF_AFTER = java.util.Set.of("speaking", "here");

  /**
   * True when the agent addresses the customer by name: a token of the name, not in a self-introduction (an agent
   * who shares the customer's first name and says "this is Dana" is not using the customer's name). "Am I speaking
   * with Dana" addresses the customer, so "speaking with" counts as an introduction only after "you are/youre".
   */
  /** "Lucía" from the CRM is still addressed when the transcript drops the accent ("Lucia"). */
  private static List<String> spelledEitherWay(List<String> name) {
    List<String> both = new java.util.ArrayList<>(name);
    for (String token : name) {
      String plain = io.carepulse.score.sentiment.SpanishSentiment.fold(token);
      if (!plain.equals(token)) {
        both.add(plain);
      }
    }
    return both;
  }

  static boolean addressesCustomer(List<String> words, List<String> name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      if (!name.contains(words.get(i))) {
        continue;
      }
      int end = i;
      while (end + 1 < words.size() && name.contains(words.get(end + 1))) {
        end++;
      }
      boolean introduced = end + 1 < words.size() && SELF_AFTER.contains(words.get(end + 1));
      for (List<String> before : SELF_BEFORE) {
        int from = i - before.size();
        if (from >= 0 && words.subList(from, i).equals(before)) {
          boolean speakingWith = before.get(0).equals("speaking") || before.get(0).equals("talking");
          introduced |= !speakingWith || from >= 1 && (words.get(from - 1).equals("youre")
              || words.get(from - 1).equals("are") && from >= 2 && words.get(from - 2).equals("you"));
        }
      }
      if (!introduced) {
        return true;
      }
      i = end;
    }
    return false;
  }
}
