package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Speaker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shipped model on sentences written for these tests (not in the training files): paraphrases the
 * phrase lists never anticipated, the hard negatives care-1 got wrong, and the same sentence as written and as
 * speech recognition gives it.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ActModelTest {

  private static final ActModel MODEL = ActModel.standard();

  private static DialogueActs agent(String text) {
    return MODEL.classify(Speaker.AGENT, text);
  }

  private static DialogueActs customer(String text) {
    return MODEL.classify(Speaker.CUSTOMER, text);
  }

  @Test
  void deflectionsWordedTheWayPeopleReallyDeflectAreRecognised() {
    assertThat(agent("Honestly, that's one for the billing people, not us.").has(Act.DEFLECTION)).isTrue();
    assertThat(agent("you'd have to take that up with the courier yourself").has(Act.DEFLECTION)).isTrue();
    assertThat(agent("The system won't let me, so there's not a lot I can do.").has(Act.DEFLECTION)).isTrue();
    assertThat(agent("it says in the terms you agreed to that we don't cover that").has(Act.DEFLECTION)).isTrue();
  }

  @Test
  void ownershipAndEmpathyInEverydayWordingAreRecognised() {
    assertThat(agent("Right, I'm taking this on myself and I won't let it drop.").has(Act.COMMITMENT)).isTrue();
    assertThat(agent("i'm going to chase the warehouse myself and make sure it goes out").has(Act.COMMITMENT))
        .isTrue();
    assertThat(agent("Oh no, that must be so worrying with your dad waiting on the results.").has(Act.EMPATHY)).isTrue();
    assertThat(agent("I'm sorry you've been passed around like that.").has(Act.APOLOGY)).isTrue();
  }

  @Test
  void customersSignalsAreRecognised() {
    assertThat(customer("This is the fourth time I've rung about this.").has(Act.REPEAT_CONTACT)).isTrue();
    assertThat(customer("honestly im done ill go to one of your competitors").has(Act.CHURN_THREAT)).isTrue();
    assertThat(customer("Put me through to whoever is in charge there, please.").has(Act.ESCALATION)).isTrue();
    assertThat(customer("Thank you, you've been really helpful.").has(Act.GRATITUDE)).isTrue();
  }

  @Test
  void offeringMoreHelpIsCourtesyNotACommitment() {
    DialogueActs acts = agent("Is there anything else I can help you with?");
    assertThat(acts.has(Act.COMMITMENT)).isFalse();
    assertThat(acts.has(Act.COURTESY)).isTrue();
    assertThat(agent("is there anything else i can do for you today").has(Act.COMMITMENT)).isFalse();
  }

  @Test
  void aStockSympathyFormulaIsHollowNotEmpathy() {
    DialogueActs acts = agent("I understand your frustration.");
    assertThat(acts.has(Act.HOLLOW_SYMPATHY)).isTrue();
    assertThat(acts.has(Act.EMPATHY)).isFalse();
  }

  @Test
  void plainInformationDoesNothing() {
    assertThat(agent("Your account number ends in four two seven.").has(Act.COMMITMENT)).isFalse();
    assertThat(customer("my postcode is l s one four").none()).isTrue();
  }

  @Test
  void theWrittenAndTheSpokenFormOfAnUtteranceGetTheSameActs() {
    String[][] pairs = {
        {"I'll call you back within 24 hours.", "um ill call you back within twenty four hours"},
        {"I'm afraid that's not something we can do.", "im afraid thats not something we can do"},
        {"Mm-hmm.", "mhm"},
        {"Thanks for holding, I'm still on it.", "thanks for holding im still on it"},
        {"Is there anything else I can help you with?", "is there anything else i can help you with"},
    };
    for (String[] pair : pairs) {
      assertThat(agent(pair[1]).found()).as(pair[1]).isEqualTo(agent(pair[0]).found());
    }
    String[][] customerPairs = {
        {"It's the 3rd time I've called!", "its the third time ive called"},
        {"I want to speak to a manager.", "i want to uh speak to a manager"},
    };
    for (String[] pair : customerPairs) {
      assertThat(customer(pair[1]).found()).as(pair[1]).isEqualTo(customer(pair[0]).found());
    }
  }

  @Test
  void evidenceQuotesTheWordsOfTheUtteranceThatCarriedTheAct() {
    String text = "Honestly, that's one for the billing people, not us.";
    DialogueActs acts = agent(text);
    assertThat(acts.evidence(Act.DEFLECTION)).isNotEmpty().allSatisfy(words -> assertThat(text).contains(words));
    for (String utterance : new String[] {"Right, I'm taking this on myself and I won't let it drop.",
        "oh great another hour on hold brilliant", "Thanks for calling, you're through to Sam."}) {
      DialogueActs found = MODEL.classify(Speaker.AGENT, utterance);
      for (Act act : found.found()) {
        assertThat(found.evidence(act)).as(act.wire()).isNotEmpty()
            .allSatisfy(words -> assertThat(utterance).contains(words));
      }
    }
    assertThat(acts.evidence(Act.GRATITUDE)).isEmpty();
  }

  @Test
  void theOtherSpeakersActsAreNeverFound() {
    DialogueActs acts = agent("I want to speak to a manager.");
    assertThat(acts.has(Act.ESCALATION)).isFalse();
    assertThat(acts.probability(Act.ESCALATION)).isZero();
  }

  @Test
  void theSameUtteranceAlwaysGetsTheSameAnswer() {
    String text = "i'm so sorry about that let me sort it out and i'll ring you back by five";
    DialogueActs first = agent(text);
    for (int i = 0; i < 100; i++) {
      DialogueActs again = agent(text);
      assertThat(again.found()).isEqualTo(first.found());
      for (Act act : Act.of(Speaker.AGENT)) {
        assertThat(again.probability(act)).isEqualTo(first.probability(act));
        assertThat(again.evidence(act)).isEqualTo(first.evidence(act));
      }
    }
    assertThat(first.toString()).isEqualTo(agent(text).toString());
  }

  @Test
  void emptyAndNullTextDoNothing() {
    assertThat(agent("").none()).isTrue();
    assertThat(customer(null).none()).isTrue();
  }
}
