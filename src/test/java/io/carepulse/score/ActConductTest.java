package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Speaker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * care-2's reading of the agent's conduct from dialogue acts, told as exchanges. Values are read from the shipped
 * model, so these hold while its numbers are retuned: what is asserted is which part moves, which way, by which rule,
 * pointing at which turns, and what the coach hears.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ActConductTest {

  private static final ScoringModel MODEL = ScoringModel.named("care-2");

  private final ActConduct conduct = new ActConduct(MODEL);
  private final Conversation conversation = new Conversation();
  private long seq;

  /** The acts of an utterance, each carried by the whole utterance's words. */
  private static TurnActs acts(String words, UtteranceAct... found) {
    TurnActs.Builder builder = new TurnActs.Builder();
    for (UtteranceAct act : found) {
      builder.add(act, words, 1.0);
    }
    return builder.build();
  }

  private static TurnActs acts(UtteranceAct... found) {
    return acts("words", found);
  }

  private Turn turn(Speaker speaker, String text) {
    seq++;
    return new Turn(speaker, text, Tokens.of(text), Map.of(), seq * 1_000, seq * 1_000 + 800, seq, "utt:u" + seq, 0);
  }

  private Observations customer(String text, double valence, UtteranceAct... found) {
    Observations out = new Observations(++seq, seq * 1_000);
    conduct.customerTurn(turn(Speaker.CUSTOMER, text), valence, acts(text, found), out);
    return out;
  }

  private Observations agent(String text, UtteranceAct... found) {
    Observations out = new Observations(++seq, seq * 1_000);
    conduct.agentTurn(turn(Speaker.AGENT, text), acts(text, found), conversation, out);
    return out;
  }

  private static Evidence only(Observations out, Part part) {
    List<Evidence> found = out.evidence().stream().filter(e -> e.part() == part).toList();
    assertThat(found).as(part + " evidence").hasSize(1);
    return found.get(0);
  }

  private static Evidence byRule(Observations out, String rule) {
    List<Evidence> found = out.evidence().stream().filter(e -> e.rule().equals(rule)).toList();
    assertThat(found).as(rule + " evidence in " + rules(out)).isNotEmpty();
    return found.get(0);
  }

  private static List<String> rules(Observations out) {
    return out.evidence().stream().map(e -> e.part().wire() + ":" + e.rule()).toList();
  }

  private static double value(String key) {
    return MODEL.number(key);
  }

  @Test
  void anUpsetCustomerTurnAwaitsAcknowledgement_andAMildOneDoesNot() {
    double threshold = value("empathy.negativeTurn");
    assertThat(customer("this is a mess", threshold).has(Signal.Kind.CUSTOMER_NEGATIVE)).isTrue();
    assertThat(customer("hmm right", threshold + 0.01).has(Signal.Kind.CUSTOMER_NEGATIVE)).isFalse();
    assertThat(customer("third time calling", -0.01, UtteranceAct.REPEAT_CONTACT).has(Signal.Kind.CUSTOMER_NEGATIVE))
        .as("a negative act with a negative reading").isTrue();
    assertThat(customer("third time calling, all good", 0.0, UtteranceAct.REPEAT_CONTACT)
        .has(Signal.Kind.CUSTOMER_NEGATIVE)).isFalse();
    assertThat(customer("thanks so much", -0.01, UtteranceAct.GRATITUDE).has(Signal.Kind.CUSTOMER_NEGATIVE))
        .as("not a negative act, not upset enough").isFalse();
  }

  @Test
  void empathyRightAfterTheUpset_isWorthMoreThanEmpathyOutOfTheBlue_andPointsAtBothTurns() {
    Observations calm = agent("that sounds stressful", UtteranceAct.EMPATHY);
    Evidence plain = byRule(calm, "empathy");
    assertThat(plain.value()).isEqualTo(value("empathy.value"));
    assertThat(plain.weight()).isEqualTo(value("empathy.weight"));
    assertThat(calm.has(Signal.Kind.EMPATHY_SHOWN)).isTrue();

    customer("my card was charged twice and I can't pay rent", -0.8, UtteranceAct.FRUSTRATION);
    long upsetSeq = seq;
    Observations answer = agent("oh no, that must be so worrying", UtteranceAct.EMPATHY, UtteranceAct.QUESTION);
    Evidence responsive = byRule(answer, "acknowledged_feelings");
    assertThat(responsive.value()).isEqualTo(value("empathy.responsiveValue"));
    assertThat(responsive.weight()).isEqualTo(value("empathy.responsiveWeight"));
    assertThat(responsive.frames()).containsExactly("utt:u" + upsetSeq, "utt:u" + seq);
    assertThat(responsive.value()).isGreaterThan(plain.value());
  }

  @Test
  void theSameStockPhraseAgainIsWorthLessEachTime() {
    Evidence first = byRule(agent("I hear you", UtteranceAct.EMPATHY), "empathy");
    Evidence second = byRule(agent("I hear you", UtteranceAct.EMPATHY), "repeated_stock_empathy");
    Evidence third = byRule(agent("I hear you", UtteranceAct.EMPATHY), "repeated_stock_empathy");
    assertThat(second.text()).contains("2 times");
    assertThat(third.text()).contains("3 times");
    assertThat(second.value()).isEqualTo(value("empathy.value") - value("empathy.repeatPenalty"));
    assertThat(third.value()).isEqualTo(value("empathy.value") - 2 * value("empathy.repeatPenalty"));
    assertThat(second.weight()).isEqualTo(first.weight() / 2);
    assertThat(third.weight()).isEqualTo(first.weight() / 3);
  }

  @Test
  void aStockSympathyFormulaCountsAgainstEmpathy() {
    Evidence hollow = only(agent("I understand your frustration", UtteranceAct.HOLLOW_SYMPATHY), Part.EMPATHY);
    assertThat(hollow.rule()).isEqualTo("hollow_sympathy");
    assertThat(hollow.value()).isEqualTo(value("empathy.hollowValue")).isLessThan(value("prior.empathy"));
    assertThat(hollow.weight()).isEqualTo(value("empathy.hollowWeight"));
    assertThat(hollow.text()).contains("\"I understand your frustration\"");
  }

  @Test
  void anApologyCountsOnlyAsTheAnswerToAnUpset() {
    assertThat(agent("sorry about that", UtteranceAct.APOLOGY).evidence()).isEmpty();
    customer("you people lost my parcel", -0.7, UtteranceAct.FRUSTRATION);
    Observations sorry = agent("I'm so sorry about that", UtteranceAct.APOLOGY);
    Evidence apology = byRule(sorry, "apologised");
    assertThat(apology.value()).isEqualTo(value("empathy.apologyValue"));
    assertThat(sorry.has(Signal.Kind.EMPATHY_SHOWN)).isTrue();
    assertThat(agent("and the tracking number please").evidence()).as("answered: nothing awaits acknowledgement")
        .isEmpty();
  }

  @Test
  void takingUpTheUpsetCustomersOwnWordsInAPolicyRecital_isNoAcknowledgement() {
    customer("two weeks of chasing you and paying for taxis every morning", -0.7, UtteranceAct.FRUSTRATION);
    Observations recital = agent("taxis are paid back every morning after two weeks of chasing the claim");
    assertThat(recital.evidence()).extracting(Evidence::rule).doesNotContain("acknowledged_situation");
    assertThat(recital.has(Signal.Kind.EMPATHY_SHOWN)).isFalse();
  }

  @Test
  void takingUpTheUpsetCustomersOwnWordsIsEmpathy() {
    customer("two weeks of chasing you and paying for taxis every morning", -0.7, UtteranceAct.FRUSTRATION);
    Observations answer = agent("two weeks of chasing and paying for taxis every morning is a lot for you");
    Evidence restated = only(answer, Part.EMPATHY);
    assertThat(restated.rule()).isEqualTo("acknowledged_situation");
    assertThat(restated.value()).isEqualTo(value("empathy.restatedValue"));
    assertThat(restated.frames()).hasSize(2);
    assertThat(answer.has(Signal.Kind.EMPATHY_SHOWN)).isTrue();
  }

  @Test
  void movingOnFromAnUpsetCustomerWithoutAWord_isAMissedAcknowledgement_once() {
    customer("this is the worst service I have ever had", -0.9, UtteranceAct.FRUSTRATION);
    Observations moved = agent("what is your account number");
    Evidence missed = only(moved, Part.EMPATHY);
    assertThat(missed.rule()).isEqualTo("missed_acknowledgement");
    assertThat(missed.value()).isEqualTo(value("empathy.missedValue"));
    assertThat(moved.has(Signal.Kind.MISSED_ACKNOWLEDGEMENT)).isTrue();
    assertThat(agent("and your postcode").evidence()).as("missed once, not every turn after").isEmpty();
  }

  @Test
  void aBackchannelOrAOneWordReplyOrActingOnIt_isNoMissedAcknowledgement() {
    customer("this is the worst service I have ever had", -0.9, UtteranceAct.FRUSTRATION);
    assertThat(agent("mm", UtteranceAct.BACKCHANNEL).evidence()).isEmpty();
    assertThat(agent("right").evidence()).isEmpty();
    assertThat(agent("uh huh", UtteranceAct.BACKCHANNEL).has(Signal.Kind.MISSED_ACKNOWLEDGEMENT)).isFalse();
    Observations acted = agent("I will refund it now", UtteranceAct.COMMITMENT);
    assertThat(acted.has(Signal.Kind.MISSED_ACKNOWLEDGEMENT)).isFalse();
    assertThat(agent("can I have the order number").evidence()).as("acting answered the upset").isEmpty();
  }

  @Test
  void aTurnaroundsLookBack_isNoUpsetWaitingForAcknowledgement() {
    Observations thanked = customer("thank you, honestly I was in tears this morning", -0.2, UtteranceAct.GRATITUDE,
        UtteranceAct.ANXIETY, UtteranceAct.TURNAROUND);
    assertThat(thanked.has(Signal.Kind.CUSTOMER_NEGATIVE)).isFalse();
    assertThat(agent("that's made my day, anything else I can help with").has(Signal.Kind.MISSED_ACKNOWLEDGEMENT))
        .isFalse();
  }

  @Test
  void aWayForwardWrappedInBadNews_leavesTheUpsetUnanswered_unlessTheAgentCommits() {
    customer("I fly in ten days, it's my daughter's wedding", -0.6, UtteranceAct.ANXIETY);
    Observations refused = agent("you can request an upgrade online, but it's not guaranteed", UtteranceAct.ALTERNATIVE,
        UtteranceAct.BAD_NEWS);
    assertThat(refused.has(Signal.Kind.MISSED_ACKNOWLEDGEMENT)).isTrue();
    customer("so that's it then", -0.6, UtteranceAct.RESIGNATION);
    Observations committed = agent("it's not guaranteed, but I'll request the upgrade for you now",
        UtteranceAct.COMMITMENT, UtteranceAct.BAD_NEWS);
    assertThat(committed.has(Signal.Kind.MISSED_ACKNOWLEDGEMENT)).isFalse();
  }

  @Test
  void sympathyThatGoesOnWithoutAction_countsAgainstEmpathyAndOwnership_untilTheAgentActs() {
    int after = (int) value("empathy.sympathyWithoutActionAfter");
    Observations last = null;
    for (int i = 1; i < after; i++) {
      last = agent("I am sorry", UtteranceAct.APOLOGY);
      assertThat(last.has(Signal.Kind.SYMPATHY_WITHOUT_ACTION)).isFalse();
    }
    last = agent("I am so sorry", UtteranceAct.APOLOGY);
    assertThat(last.has(Signal.Kind.SYMPATHY_WITHOUT_ACTION)).isTrue();
    assertThat(rules(last)).contains("empathy:sympathy_without_action", "ownership:sympathy_without_action");
    assertThat(only(last, Part.OWNERSHIP).value()).isEqualTo(value("empathy.sympathyWithoutActionValue"));
    assertThat(only(last, Part.OWNERSHIP).text()).contains("no commitment");

    agent("I will sort it out today", UtteranceAct.COMMITMENT);
    assertThat(agent("sorry again", UtteranceAct.APOLOGY).has(Signal.Kind.SYMPATHY_WITHOUT_ACTION))
        .as(after > 1 ? "the count starts again" : "every sympathy without action counts").isEqualTo(after <= 1);
  }

  @Test
  void ownershipRisesWithCommitmentsNextStepsAndAlternatives() {
    Observations committed = agent("I'll fix it", UtteranceAct.COMMITMENT);
    assertThat(only(committed, Part.OWNERSHIP).rule()).isEqualTo("commitment");
    assertThat(only(committed, Part.OWNERSHIP).value()).isEqualTo(value("ownership.commitmentValue"));
    assertThat(committed.has(Signal.Kind.COMMITMENT_MADE)).isTrue();
    assertThat(committed.has(Signal.Kind.NEXT_STEP_GIVEN)).isFalse();

    Observations next = agent("you'll get an email within the hour", UtteranceAct.NEXT_STEP, UtteranceAct.COMMITMENT);
    assertThat(only(next, Part.OWNERSHIP).rule()).as("a next step says more than a commitment").isEqualTo("next_step");
    assertThat(only(next, Part.OWNERSHIP).value()).isEqualTo(value("ownership.nextStepValue"));
    assertThat(next.has(Signal.Kind.NEXT_STEP_GIVEN)).isTrue();
    assertThat(next.has(Signal.Kind.COMMITMENT_MADE)).isTrue();

    Observations process = agent("the inbox is looked at within five working days", UtteranceAct.NEXT_STEP);
    assertThat(only(process, Part.OWNERSHIP).rule()).as("a timeline is still credited").isEqualTo("next_step");
    assertThat(process.has(Signal.Kind.NEXT_STEP_GIVEN)).as("nobody owns it: the coach still asks for one").isFalse();
    assertThat(process.has(Signal.Kind.COMMITMENT_MADE)).isFalse();
    assertThat(agent("our team will call you by five today", UtteranceAct.NEXT_STEP).has(Signal.Kind.NEXT_STEP_GIVEN))
        .isTrue();

    Observations instead = agent("we can't refund, but I can send a voucher", UtteranceAct.BAD_NEWS,
        UtteranceAct.ALTERNATIVE);
    Evidence alternative = only(instead, Part.OWNERSHIP);
    assertThat(alternative.rule()).isEqualTo("offered_alternative");
    assertThat(alternative.value()).isEqualTo(value("ownership.alternativeValue"));
    assertThat(alternative.text()).startsWith("Agent had bad news and offered an alternative");
    assertThat(instead.has(Signal.Kind.COMMITMENT_MADE)).isTrue();
    assertThat(instead.has(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE)).isFalse();
    assertThat(only(agent("another option is the app", UtteranceAct.ALTERNATIVE), Part.OWNERSHIP).text())
        .startsWith("Agent offered a way forward");
  }

  @Test
  void deflectionAndBadNewsWithNothingInstead_costOwnership() {
    Observations deflected = agent("that's not our department", UtteranceAct.DEFLECTION);
    Evidence deflection = only(deflected, Part.OWNERSHIP);
    assertThat(deflection.rule()).isEqualTo("deflection");
    assertThat(deflection.value()).isEqualTo(value("ownership.deflectionValue"));
    assertThat(deflection.weight()).isEqualTo(value("ownership.deflectionWeight"));
    assertThat(deflected.has(Signal.Kind.DEFLECTION)).isTrue();

    Observations refused = agent("we can't do refunds", UtteranceAct.BAD_NEWS);
    assertThat(only(refused, Part.OWNERSHIP).rule()).isEqualTo("bad_news_no_alternative");
    assertThat(only(refused, Part.OWNERSHIP).value()).isEqualTo(value("ownership.badNewsValue"));
    assertThat(refused.has(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE)).isTrue();

    assertThat(agent("we can't, I'll escalate it", UtteranceAct.BAD_NEWS, UtteranceAct.COMMITMENT)
        .has(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE)).isFalse();
    assertThat(agent("can't, next you get a letter", UtteranceAct.BAD_NEWS, UtteranceAct.NEXT_STEP)
        .has(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE)).isFalse();
    assertThat(agent("can't, not our department", UtteranceAct.BAD_NEWS, UtteranceAct.DEFLECTION))
        .satisfies(o -> assertThat(o.has(Signal.Kind.BAD_NEWS_NO_ALTERNATIVE)).isFalse())
        .satisfies(o -> assertThat(rules(o)).containsExactly("ownership:deflection"));
  }

  @Test
  void reassuranceCountsUnlessItComesWithADeflection() {
    Evidence reassured = only(agent("your money is safe", UtteranceAct.REASSURANCE), Part.OWNERSHIP);
    assertThat(reassured.rule()).isEqualTo("reassured");
    assertThat(reassured.value()).isEqualTo(value("ownership.reassuranceValue"));
    assertThat(reassured.weight()).isEqualTo(value("ownership.reassuranceWeight"));
    assertThat(rules(agent("don't worry, billing will sort it", UtteranceAct.REASSURANCE, UtteranceAct.DEFLECTION)))
        .containsExactly("ownership:deflection");
    assertThat(ActConduct.acts(acts(UtteranceAct.REASSURANCE))).isTrue();
    assertThat(ActConduct.acts(acts(UtteranceAct.REASSURANCE, UtteranceAct.DEFLECTION))).isFalse();
    assertThat(ActConduct.acts(acts(UtteranceAct.ALTERNATIVE))).isTrue();
    assertThat(ActConduct.acts(acts(UtteranceAct.NEXT_STEP))).isTrue();
    assertThat(ActConduct.acts(acts(UtteranceAct.APOLOGY, UtteranceAct.EMPATHY))).isFalse();
  }

  @Test
  void aCustomerWhoAsksWhatHappensNext_andIsNotTold_costsOwnershipOnce() {
    customer("so what happens now?", -0.1, UtteranceAct.ASKS_NEXT);
    long askedSeq = seq;
    assertThat(agent("ok").evidence()).as("not a real reply yet").isEmpty();
    Observations vague = agent("well these things can take a while to sort out");
    Evidence unanswered = only(vague, Part.OWNERSHIP);
    assertThat(unanswered.rule()).isEqualTo("next_step_not_given");
    assertThat(unanswered.value()).isEqualTo(value("ownership.unansweredNextValue"));
    assertThat(unanswered.frames()).containsExactly("utt:u" + askedSeq, "utt:u" + seq);
    assertThat(agent("these things can take a while, sorry").evidence()).isEmpty();
  }

  @Test
  void aCustomerWhoAsksWhatHappensNext_andIsTold_givesNoPenalty() {
    customer("so what happens now?", -0.1, UtteranceAct.ASKS_NEXT);
    assertThat(rules(agent("you will get a text with the engineer's slot tomorrow", UtteranceAct.NEXT_STEP)))
        .containsExactly("ownership:next_step");
    customer("and then?", -0.1, UtteranceAct.ASKS_NEXT);
    assertThat(rules(agent("then I will personally check that it went through", UtteranceAct.COMMITMENT)))
        .containsExactly("ownership:commitment");
    customer("and if not?", -0.1, UtteranceAct.ASKS_NEXT);
    assertThat(rules(agent("otherwise there is always the shop to collect from", UtteranceAct.ALTERNATIVE)))
        .containsExactly("ownership:offered_alternative");
  }

  @Test
  void usingTheCustomersNameCounts_fullyOnce_lightlyAfter_andNotBeyondTheCap() {
    conversation.customerName("Dana Whitfield");
    int cap = (int) value("personal.nameMaxCredited");
    Observations first = agent("thanks Dana, found it");
    assertThat(conduct.nameUsed()).isTrue();
    assertThat(first.has(Signal.Kind.NAME_USED)).isTrue();
    assertThat(only(first, Part.PERSONAL).weight()).isEqualTo(1.0);
    assertThat(only(first, Part.PERSONAL).value()).isEqualTo(value("personal.nameValue"));
    for (int use = 2; use <= cap; use++) {
      assertThat(only(agent("right Dana"), Part.PERSONAL).weight()).isEqualTo(value("personal.nameRepeatWeight"));
    }
    Observations beyond = agent("ok Dana");
    assertThat(beyond.has(Signal.Kind.NAME_USED)).isTrue();
    assertThat(beyond.evidence()).isEmpty();
  }

  @Test
  void courtesyIsAPersonalTouch_andNoNameMeansNoNameUsed() {
    Observations polite = agent("you're very welcome", UtteranceAct.COURTESY);
    assertThat(only(polite, Part.PERSONAL).rule()).isEqualTo("courtesy");
    assertThat(only(polite, Part.PERSONAL).value()).isEqualTo(value("personal.courtesyValue"));
    assertThat(only(polite, Part.PERSONAL).weight()).isEqualTo(value("personal.courtesyWeight"));
    assertThat(conduct.nameUsed()).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("thanks dana"), List.of())).isFalse();
  }

  @Test
  void aNameInASelfIntroductionIsNotTheCustomers_butAskingForThemIs() {
    List<String> dana = Tokens.of("Dana Whitfield");
    assertThat(ActConduct.addressesCustomer(Tokens.of("hi I'm Dana"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("I am Dana from support"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("it's Dana Whitfield here"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("you're speaking with Dana"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("you are speaking to Dana"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("am I talking to Dana Whitfield"), dana)).isTrue();
    assertThat(ActConduct.addressesCustomer(Tokens.of("Dana"), dana)).isTrue();
    assertThat(ActConduct.addressesCustomer(Tokens.of("this is Dana, and Dana, your refund is through"), dana))
        .as("introduced, then addressed").isTrue();
  }
}
