package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Speaker;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What care-2 understands of single utterances, in the product's words. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class CareTwoUnderstandingTest {

  private static final ActReader READER = PhraseActReader.standard();

  private static TurnActs agent(String text) {
    return READER.read(Speaker.AGENT, text, Tokens.of(text));
  }

  private static TurnActs customer(String text) {
    return READER.read(Speaker.CUSTOMER, text, Tokens.of(text));
  }

  private static CustomerState.Reading reading(String text) {
    CustomerState state = new CustomerState(ScoringModel.standard(), SentimentAnalyzer.standard());
    return state.read(text, Tokens.of(text), customer(text));
  }

  @Test
  void anythingElseICanHelpYouWith_isCourtesyNotACommitment() {
    TurnActs acts = agent("Is there anything else I can help you with today?");
    assertThat(acts.has(UtteranceAct.COURTESY)).isTrue();
    assertThat(acts.has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("I can help with that, let me look.").has(UtteranceAct.COMMITMENT)).isTrue();
  }

  @Test
  void handingTheProblemToSomeoneElse_isADeflection_andIJustGoBy_isNoCommitment() {
    assertThat(agent("Refund requests go through the billing team, you can email them.").has(UtteranceAct.DEFLECTION))
        .isTrue();
    assertThat(agent("That's handled by our warehouse, not us.").has(UtteranceAct.DEFLECTION)).isTrue();
    TurnActs justTheRules = agent("I just go by what the screen tells me.");
    assertThat(justTheRules.has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(justTheRules.has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("I just sent you the link.").has(UtteranceAct.COMMITMENT)).isTrue();
    assertThat(agent("Leave it with me, I'll ring the warehouse myself.").has(UtteranceAct.DEFLECTION)).isFalse();
  }

  @Test
  void pointingTheCustomerToAPageALetterOrANumber_isADeflection() {
    assertThat(agent("Their number's on the back of the letter we sent.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("The form for that is on our website.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("You'd need to sort that out with the lender.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("Refund appeals are considered by the finance office.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("I'll ring them for you now and stay on the line.").has(UtteranceAct.DEFLECTION)).isFalse();
  }

  @Test
  void aChurnThreatTakenBack_isNone_andJustCheckingIn_isACheckIn() {
    assertThat(customer("honestly I was going to close my account this morning, thanks for fixing it")
        .has(UtteranceAct.CHURN_THREAT)).isFalse();
    assertThat(customer("fix it or I'm going to close my account").has(UtteranceAct.CHURN_THREAT)).isTrue();
    assertThat(agent("Mr Osei, just checking in, bear with me.").has(UtteranceAct.CHECK_IN)).isTrue();
    assertThat(agent("Mr Osei, just checking in.").has(UtteranceAct.CHECK_IN)).isTrue();
  }

  @Test
  void aBareICant_isBadNews_butICantSeeAndICantImagine_areNot() {
    assertThat(agent("I can't change the delivery date.").has(UtteranceAct.BAD_NEWS)).isTrue();
    assertThat(agent("I can't see any note of that.").has(UtteranceAct.BAD_NEWS)).isFalse();
    assertThat(agent("I can't imagine how stressful that's been.").has(UtteranceAct.BAD_NEWS)).isFalse();
  }

  @Test
  void distressInPlainWords_isAnxiety() {
    assertThat(customer("my mum went into hospital last night and the boiler's gone").has(UtteranceAct.ANXIETY))
        .isTrue();
    assertThat(customer("honestly I don't know what to do anymore").has(UtteranceAct.ANXIETY)).isTrue();
    assertThat(customer("I rang on Monday and I've heard nothing since").has(UtteranceAct.REPEAT_CONTACT)).isTrue();
  }

  @Test
  void aShortWhenOrHow_asksWhatHappensNext() {
    assertThat(customer("When?").has(UtteranceAct.ASKS_NEXT)).isTrue();
    assertThat(customer("okay how").has(UtteranceAct.ASKS_NEXT)).isTrue();
    assertThat(customer("It was when I moved house, years ago now.").has(UtteranceAct.ASKS_NEXT)).isFalse();
  }

  @Test
  void agentIntroducingThemselvesWithTheCustomersFirstName_isNotUsingTheName() {
    List<String> dana = Tokens.of("Dana Whitfield");
    assertThat(ActConduct.addressesCustomer(Tokens.of("Thanks for calling, this is Dana"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("Dana speaking, how can I help?"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("my name's Dana"), dana)).isFalse();
    assertThat(ActConduct.addressesCustomer(Tokens.of("Thanks Dana, I've found it"), dana)).isTrue();
    assertThat(ActConduct.addressesCustomer(Tokens.of("am I speaking with Dana"), dana)).isTrue();
  }

  @Test
  void sarcasm_positiveWordsReadAsNegative() {
    CustomerState.Reading sarcastic = reading("Oh great, another hour on hold, just what I needed.");
    assertThat(sarcastic.valence()).isLessThan(-0.3);
    assertThat(sarcastic.text()).contains("sarcastic");
    assertThat(reading("Great, thank you so much, that's sorted.").valence()).isGreaterThan(0.3);
  }

  @Test
  void resignationRepeatContactAndFeelingUnheard_pullTheMoodDown() {
    assertThat(reading("fine whatever forget it").valence()).isLessThan(-0.3);
    assertThat(reading("this is the third time I've called about this").valence()).isLessThan(-0.3);
    assertThat(reading("I already told you the account number").valence()).isLessThan(-0.3);
  }

  @Test
  void understatement_aBitGuttedIsNotNeutral() {
    assertThat(reading("honestly I'm a bit gutted").valence()).isLessThan(-0.3);
    assertThat(reading("that's not ideal").valence()).isLessThan(-0.3);
  }

  @Test
  void okayAfterAnger_isNotCheerfulness() {
    assertThat(reading("okay").valence()).isZero();
    assertThat(reading("fine hang on").valence()).isZero();
  }

  @Test
  void hollowSympathyIsNotEmpathy() {
    TurnActs stock = agent("I understand your frustration.");
    assertThat(stock.has(UtteranceAct.HOLLOW_SYMPATHY)).isTrue();
    assertThat(stock.has(UtteranceAct.EMPATHY)).isFalse();
    assertThat(agent("That sounds really stressful with a newborn at home.").has(UtteranceAct.EMPATHY)).isTrue();
  }

  @Test
  void everyActNamesTheWordsThatCarriedIt() {
    TurnActs acts = agent("That's a different department, you'll have to call them.");
    assertThat(acts.has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(acts.evidence(UtteranceAct.DEFLECTION)).isNotBlank();
    assertThat("thats a different department youll have to call them").contains(acts.evidence(UtteranceAct.DEFLECTION));
  }

  @Test
  void shippedModelsLoadByIdAndAModelFileIsValidatedAtStart() {
    assertThat(ScoringModel.named("care-2").scorer()).isEqualTo(ScoringModel.CARE_2);
    assertThat(ScoringModel.named("care-1").scorer()).isEqualTo(ScoringModel.CARE_1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ScoringModel.named("no-such-model"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no model no-such-model");
  }

  @Test
  void theTrainedClassifiersPlugInThroughOneAdapter_actsMapByNameWithTheirOwnWords() {
    ActReader classifier = ActReaders.named(ActReaders.ACTS_1);
    String text = "honestly that's one for the billing people, not us";
    TurnActs acts = classifier.read(Speaker.AGENT, text, Tokens.of(text));
    assertThat(acts.has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(acts.probability(UtteranceAct.DEFLECTION)).isBetween(0.0, 1.0);
    assertThat(acts.evidence(UtteranceAct.DEFLECTION)).contains("not us");
    ActReader combined = ActReaders.named(ActReaders.ACTS_1_AND_PHRASES);
    assertThat(combined.read(Speaker.CUSTOMER, "oh great another hour on hold", Tokens.of("oh great another hour on hold"))
        .has(UtteranceAct.SARCASM)).isTrue();
  }

  @Test
  void agentClassifierReader_readsTheAgentByClassifierAndTheCustomerByPhrasesAlone() {
    ActReader reader = ActReaders.named("acts-2+agent");
    String deflect = "examiners don't take calls, it's the same for everyone";
    assertThat(reader.read(Speaker.AGENT, deflect, Tokens.of(deflect)).toString())
        .isEqualTo(ActReaders.named("acts-2").read(Speaker.AGENT, deflect, Tokens.of(deflect)).toString());
    for (String said : List.of("I'm looking for a cheap restaurant in the east", "no, i really want the north",
        "honestly I'm a bit gutted")) {
      assertThat(reader.read(Speaker.CUSTOMER, said, Tokens.of(said)).toString()).as(said)
          .isEqualTo(READER.read(Speaker.CUSTOMER, said, Tokens.of(said)).toString());
    }
  }

  @Test
  void careTwosReader_addsTheAgentActsTheClassifierIsSureOf_andReadsTheCustomerByPhrasesAlone() {
    ActReader shipped = ActReaders.named(ScoringModel.standard().text("model.acts", "none"));
    assertThat(shipped.id()).isEqualTo("acts-2+union");
    String unlisted = "Delays caused by air traffic control aren't our responsibility.";
    assertThat(agent(unlisted).has(UtteranceAct.DEFLECTION)).isFalse();
    TurnActs read = shipped.read(Speaker.AGENT, unlisted, Tokens.of(unlisted));
    assertThat(read.has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(read.probability(UtteranceAct.DEFLECTION)).isGreaterThanOrEqualTo(0.9);
    assertThat(read.evidence(UtteranceAct.DEFLECTION)).contains("responsibility");
    String listed = "That's handled by our warehouse, not us.";
    assertThat(shipped.read(Speaker.AGENT, listed, Tokens.of(listed)).evidence(UtteranceAct.DEFLECTION))
        .isEqualTo(agent(listed).evidence(UtteranceAct.DEFLECTION));
    for (String said : List.of("I'm looking for a cheap restaurant in the east", "no, i really want the north",
        "this is ridiculous, third time I've called")) {
      assertThat(shipped.read(Speaker.CUSTOMER, said, Tokens.of(said)).toString()).as(said)
          .isEqualTo(READER.read(Speaker.CUSTOMER, said, Tokens.of(said)).toString());
    }
  }

  @Test
  void deflectionsInEverydayWords_areRead_butOwningAFailureIsNot() {
    assertThat(agent("i'd have to refer you to the claims department for that").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("Unfortunately that's outside my scope.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("thats the freeholder not us").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("the system's not letting me remove that fee").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("Rules are rules, I don't make them.").has(UtteranceAct.DEFLECTION)).isTrue();
    assertThat(agent("You should have been told two weeks ago, that one's on us.").has(UtteranceAct.DEFLECTION))
        .isFalse();
    assertThat(agent("I'm so sorry, that's not the experience you should have had.").has(UtteranceAct.DEFLECTION))
        .isFalse();
  }

  @Test
  void empathyThatNamesHowTheSituationFeels_isEmpathy() {
    for (String said : List.of("Being bumped off a flight after checking in on time would make anyone angry.",
        "i can hear how upset you are and its totally fair you saved up for that",
        "Three weeks without broadband while you're working from home is awful.",
        "with the wedding on saturday thats the last thing you need",
        "You've been trying to cancel for two months and still getting charged; I'd be livid too.")) {
      assertThat(agent(said).has(UtteranceAct.EMPATHY)).as(said).isTrue();
    }
    assertThat(agent("Your replacement card will arrive by Thursday.").has(UtteranceAct.EMPATHY)).isFalse();
  }

  @Test
  void customersUnhappyInEverydayWords_areRead_andTaskRequestsAreNot() {
    for (String said : List.of("i feel like im talking to a wall", "can you put me through to someone more senior",
        "We've flown with you every summer, but I'm honestly looking at other airlines now",
        "Your colleague promised me a callback on Friday.", "I've barely slept since I saw the transactions.",
        "I'll just leave it, I can't face another call about it.", "That's not really good enough, is it.",
        "Can I talk to somebody who can actually fix my bill?", "Honestly, I'm so over this billing stuff.",
        "Somebody promised me a callback on Tuesday.", "yeah okay i'll just live with it")) {
      assertThat(customer(said).anyNegativeCustomerAct()).as(said).isTrue();
    }
    for (String said : List.of("I need a train to Cambridge on Tuesday, leaving after 9.",
        "Can you book a table for two at the Italian place?", "That's all I need, thanks so much.",
        "Thank you so much for your help.", "Just let me know the price please.",
        "Thanks a lot for the help, that's all.")) {
      assertThat(customer(said).anyNegativeCustomerAct()).as(said).isFalse();
    }
  }

  @Test
  void ohMyGodInJoy_isNoFrustration_butInDismayItIs() {
    assertThat(customer("Oh my god. Yes, it's there. It's all there. Oh, thank you.").has(UtteranceAct.FRUSTRATION))
        .isFalse();
    assertThat(customer("oh my god thank you so much").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(customer("oh my god, not again, this is the third time").anyNegativeCustomerAct()).isTrue();
  }

  @Test
  void strongThanksAndLookingBack_areATurnaround_ordinaryThanksAreNot() {
    assertThat(customer("No, that's brilliant. Honestly, I was in tears this morning. Thank you.")
        .has(UtteranceAct.TURNAROUND)).isTrue();
    assertThat(customer("Thank you so much, you've been a great help.").has(UtteranceAct.TURNAROUND)).isTrue();
    assertThat(customer("okay thanks").has(UtteranceAct.TURNAROUND)).isFalse();
  }
}
