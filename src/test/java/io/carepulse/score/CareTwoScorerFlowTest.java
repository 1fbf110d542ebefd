package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * care-2 through the scorer (docs/score-model.md §3–§5): the customer's acts become signals for coaching, every move
 * of a point or more is explained (resolving_act, provisional_mood, fading, external_emotion), and each customer turn
 * reports its corrected valence and arousal rounded to 3 decimals.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CareTwoScorerFlowTest {

  private static final String CALL = "flow";
  private static final long T0 = 1_700_000_000_000L;

  private final Scorer scorer = Scorer.create(CALL, ScoringModel.named("care-2"), SentimentAnalyzer.standard());
  private final List<ScoreUpdate> updates = new ArrayList<>();
  private Observations observed;
  private long seq;

  private void frame(CallFrame frame) {
    observed = scorer.observe(frame);
    updates.add(scorer.update());
  }

  private void start() {
    frame(new CallStart(CALL, ++seq, T0, new CallStart.Customer("cu", "sam"), "t", null, Map.of()));
  }

  private void say(long atMs, Speaker speaker, String text) {
    frame(new Utterance(CALL, ++seq, T0 + atMs, speaker, text, true, atMs - 2_000, atMs, "u" + seq));
  }

  private ScoreUpdate last() {
    return updates.get(updates.size() - 1);
  }

  private List<String> lastRules() {
    return last().reasons().stream().map(Reason::rule).toList();
  }

  private Reason lastReason(String rule) {
    return last().reasons().stream().filter(r -> r.rule().equals(rule)).findFirst().orElseThrow();
  }

  @Test
  void customerActs_becomeTheirCoachingSignals() {
    start();
    say(3_000, Speaker.CUSTOMER, "I want to speak to a manager");
    assertThat(observed.has(Signal.Kind.CUSTOMER_ESCALATION)).isTrue();
    assertThat(observed.has(Signal.Kind.VOICE)).isTrue();
    say(6_000, Speaker.CUSTOMER, "I am going to cancel my account");
    assertThat(observed.has(Signal.Kind.CUSTOMER_CHURN_THREAT)).isTrue();
    assertThat(observed.has(Signal.Kind.CUSTOMER_ESCALATION)).isFalse();
    say(9_000, Speaker.CUSTOMER, "this is confusing");
    assertThat(observed.has(Signal.Kind.CUSTOMER_CONFUSED)).isTrue();
    say(12_000, Speaker.CUSTOMER, "so what happens next");
    assertThat(observed.has(Signal.Kind.CUSTOMER_ASKS_NEXT)).isTrue();
    assertThat(observed.has(Signal.Kind.CUSTOMER_CONFUSED)).isFalse();
    say(15_000, Speaker.CUSTOMER, "thank you so much");
    assertThat(observed.has(Signal.Kind.CUSTOMER_WRAPPING_UP)).isTrue();
  }

  @Test
  void eachCustomerTurn_reportsItsValenceAndArousal_toThreeDecimals() {
    start();
    String text = "this is ridiculous, I am furious";
    say(3_000, Speaker.CUSTOMER, text);
    ScoreUpdate.CustomerTurn turn = last().customer();
    assertThat(turn.frame()).isEqualTo("utt:u2");
    assertThat(turn.valence()).isNegative();
    assertThat(turn.valence() * 1000).isEqualTo(Math.rint(turn.valence() * 1000));
    assertThat(turn.arousal() * 1000).isEqualTo(Math.rint(turn.arousal() * 1000));
    say(6_000, Speaker.AGENT, "let me look at that");
    assertThat(last().customer()).isNull();
  }

  @Test
  void anOfferTheCustomerTakesUp_isExplainedAsResolvingAct_withBothTurns() {
    start();
    say(3_000, Speaker.CUSTOMER, "this is ridiculous, I am furious, nobody has fixed it");
    int low = last().parts().emotion();
    say(6_000, Speaker.AGENT, "ill make sure the refund goes through today");
    say(9_000, Speaker.CUSTOMER, "okay");
    Reason resolved = lastReason("resolving_act");
    assertThat(resolved.frames()).containsExactly("utt:u3", "utt:u4");
    assertThat(resolved.delta()).isGreaterThanOrEqualTo(1.0); // the upset weighs less: the mood moves up
    assertThat(last().parts().emotion()).isGreaterThan(low);
  }

  @Test
  void anOfferTheCustomerRejects_isNotAResolution() {
    start();
    say(3_000, Speaker.CUSTOMER, "this is ridiculous, I am furious, nobody has fixed it");
    say(6_000, Speaker.AGENT, "ill make sure the refund goes through today");
    say(9_000, Speaker.CUSTOMER, "no that is not what i asked for");
    assertThat(lastRules()).doesNotContain("resolving_act");
  }

  @Test
  void aPartialCustomerUtterance_movesTheLiveMoodWithAProvisionalReason_notTheCallScoresMood() {
    start();
    frame(new Utterance(CALL, ++seq, T0 + 3_000, Speaker.CUSTOMER, "this is absolutely terrible and awful", false,
        1_000L, null, "u9"));
    Reason provisional = lastReason("provisional_mood");
    assertThat(provisional.delta()).isLessThanOrEqualTo(-1.0);
    assertThat(provisional.frames()).containsExactly("utt:u9");
    assertThat(last().parts().emotion()).isLessThan(55);
  }

  @Test
  void aPartialThatDoesNotMoveTheMood_isNotAReason() {
    start();
    frame(new Utterance(CALL, ++seq, T0 + 3_000, Speaker.CUSTOMER, "this is terrible", false, 1_000L, null, "u9"));
    assertThat(lastRules()).contains("provisional_mood");
    // the same words again replace the provisional reading with an equal one: nothing moved
    frame(new Utterance(CALL, ++seq, T0 + 3_500, Speaker.CUSTOMER, "this is terrible", false, 1_000L, null, "u9"));
    assertThat(lastRules()).doesNotContain("provisional_mood");
  }

  @Test
  void behaviourWithoutNewEvidence_fades_andSaysForHowLong() {
    start();
    say(3_000, Speaker.CUSTOMER, "this is ridiculous, I am furious, nobody has fixed it");
    say(6_000, Speaker.AGENT, "thats really not fair on you, ill make sure the refund goes through today");
    say(126_000, Speaker.CUSTOMER, "hmm");
    List<Reason> fading = last().reasons().stream().filter(r -> r.rule().equals("fading")).toList();
    assertThat(fading).isNotEmpty();
    assertThat(fading).allSatisfy(r -> {
      assertThat(Math.abs(r.delta())).isGreaterThanOrEqualTo(1.0);
      assertThat(r.text()).contains("evidence for 120 s: it fades toward its usual level");
      assertThat(r.frames()).containsExactly("seq:" + seq);
    });
    // once reported, the part has to drift another point before it is reported again
    say(127_000, Speaker.CUSTOMER, "hmm");
    assertThat(lastRules()).doesNotContain("fading");
  }

  @Test
  void anEmotionEnginesEstimate_movesTheMood_onlyForTheCustomer() {
    start();
    frame(new EmotionEstimate(CALL, ++seq, T0 + 1_000, Speaker.AGENT, -0.9, 0.9, "angry", "eng", 1.0));
    assertThat(last().reasons()).isEmpty();
    frame(new EmotionEstimate(CALL, ++seq, T0 + 2_000, Speaker.CUSTOMER, -0.876, 0.9, "angry", "eng", 1.0));
    Reason external = lastReason("external_emotion");
    assertThat(external.text()).isEqualTo("Emotion engine eng estimated valence -0.88");
    assertThat(external.delta()).isNegative();
    assertThat(external.frames()).containsExactly("seq:" + seq);
  }

  @Test
  void pleasantWordsDoNotLiftAnUpsetCustomer_thanksDo() {
    start();
    say(5_000, Speaker.CUSTOMER, "This is ridiculous, the debt collectors wrote to me about a bill I don't owe.");
    int upset = last().parts().emotion();
    // Word by word "approved" and "hope" are positive; the customer is no happier.
    say(12_000, Speaker.CUSTOMER, "But they approved it. I hope someone actually sorts it out this time.");
    assertThat(last().parts().emotion()).isLessThanOrEqualTo(upset + 1);
    assertThat(lastRules()).doesNotContain("customer_positive");
    say(18_000, Speaker.CUSTOMER, "Oh thank you, that's such a relief.");
    assertThat(last().parts().emotion()).as("thanks do lift it").isGreaterThan(upset + 5);
  }

  @Test
  void theUpsetCustomersWordsInAPolicyRecitalOrARefusal_areNoAcknowledgement() {
    start();
    say(5_000, Speaker.CUSTOMER, "Three direct debits bounced and you charged me fees for every one, I'm fuming.");
    say(10_000, Speaker.AGENT, "Returned direct debit fees are charged automatically on every bounced payment.");
    assertThat(lastRules()).doesNotContain("acknowledged_situation").contains("missed_acknowledgement");
    assertThat(observed.has(Signal.Kind.EMPATHY_SHOWN)).isFalse();
    say(15_000, Speaker.CUSTOMER, "Three direct debits bounced and you charged me fees, I'm fuming.");
    say(20_000, Speaker.AGENT, "Direct debit fees are not something we refund, you'd have to complain in writing.");
    assertThat(lastRules()).doesNotContain("acknowledged_situation");
    say(25_000, Speaker.CUSTOMER, "Three direct debits bounced and you charged me fees, I'm fuming.");
    say(30_000, Speaker.AGENT, "Three bounced direct debits and fees on each, when you had the money there. Let me look.");
    assertThat(lastRules()).contains("acknowledged_situation");
    assertThat(observed.has(Signal.Kind.EMPATHY_SHOWN)).isTrue();
  }

  @Test
  void sympathyThatAsksForTheDetailsIsWorkingTheCase_sympathyAloneTwiceIsNot() {
    start();
    say(5_000, Speaker.CUSTOMER, "I've been without a car for two weeks and paying for taxis, it's awful.");
    say(10_000, Speaker.AGENT, "Oh that's not fair on you. What's the registration?");
    say(15_000, Speaker.CUSTOMER, "It's K L six eight.");
    say(20_000, Speaker.AGENT, "I'm so sorry, that must be so hard.");
    assertThat(lastRules()).doesNotContain("sympathy_without_action");
    say(25_000, Speaker.CUSTOMER, "It is.");
    say(30_000, Speaker.AGENT, "I'm really sorry, I do understand how you feel.");
    assertThat(lastRules()).contains("sympathy_without_action");
  }

  @Test
  void recovery_isSignalledWhenTheCustomerLooksBack_notAtTheFirstRelief() {
    start();
    say(3_000, Speaker.CUSTOMER, "this is the third time I've rung, I'm at the end of my rope");
    say(8_000, Speaker.AGENT, "I'm so sorry, that shouldn't have happened. I'll sort it now.");
    say(14_000, Speaker.CUSTOMER, "oh that's a relief, thank you");
    assertThat(observed.has(Signal.Kind.CUSTOMER_RECOVERED)).isFalse();
    say(20_000, Speaker.AGENT, "The refund is done, you'll see it by Friday and the letter is in your email.");
    say(26_000, Speaker.CUSTOMER, "thank you, honestly I was ready to close the account when I rang");
    assertThat(observed.has(Signal.Kind.CUSTOMER_RECOVERED)).isTrue();
    say(30_000, Speaker.CUSTOMER, "thanks, you've been brilliant");
    assertThat(observed.has(Signal.Kind.CUSTOMER_RECOVERED)).isFalse();
  }

  @Test
  void anOfferToClose_isSignalled() {
    start();
    say(3_000, Speaker.AGENT, "is there anything else I can help you with today");
    assertThat(observed.has(Signal.Kind.AGENT_CLOSING)).isTrue();
    say(6_000, Speaker.AGENT, "I can help you with that, let me look");
    assertThat(observed.has(Signal.Kind.AGENT_CLOSING)).isFalse();
  }
}
