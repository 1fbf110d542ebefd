package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.Speaker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listening detector's rules and their thresholds (care-1 §3.4, care-2 §4), with care-2's settings: restating ≥ 2
 * of the customer's content words (≥ 4 letters, not stop words); a question ends with "?" or opens with a question word
 * and has ≥ 3 words; talking over starts after the customer began and ≥ 1000 ms before they finished; a monologue is
 * ≥ 30 s or ≥ 90 words; fast speech is &gt; 220 wpm over a turn of ≥ 4 s, or two audio windows in a row &gt; 190 wpm;
 * the customer repeated themselves when ≥ 3 content words and ≥ 60 % of the turn's come from an earlier turn; the agent
 * dominates above 75 % of ≥ 60 s of talk.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ListeningRulesTest {

  private static final ScoringModel MODEL = ScoringModel.named("care-2");

  private final ListeningDetector detector = new ListeningDetector(MODEL, AgentBaseline.NONE);
  private final Conversation conversation = new Conversation();
  private long seq;

  private Turn turn(Speaker speaker, String text, long startMs, long endMs, Map<Cue, String> cues) {
    seq++;
    return new Turn(speaker, text, Tokens.of(text), cues, startMs, endMs, seq, "utt:u" + seq, 0);
  }

  private Observations customer(String text, long startMs, long endMs) {
    return customer(turn(Speaker.CUSTOMER, text, startMs, endMs, Map.of()));
  }

  private Observations customer(Turn t) {
    Observations out = new Observations(t.seq(), t.endMs());
    detector.customerTurn(t, conversation, out);
    conversation.turn(t);
    return out;
  }

  private Observations agent(String text, long startMs, long endMs) {
    return agent(turn(Speaker.AGENT, text, startMs, endMs, Map.of()));
  }

  private Observations agent(Turn t) {
    conversation.turn(t);
    Observations out = new Observations(t.seq(), t.endMs());
    detector.agentTurn(t, conversation, out);
    return out;
  }

  private static List<String> rules(Observations out) {
    return out.evidence().stream().map(Evidence::rule).toList();
  }

  private static String words(int n) {
    return String.join(" ", java.util.Collections.nCopies(n, "la"));
  }

  private Observations audio(Speaker speaker, Double wordsPerMin) {
    Observations out = new Observations(++seq, 0);
    detector.agentAcoustic(new Acoustic("c", seq, 0L, speaker, 500, null, null, null, wordsPerMin), out);
    return out;
  }

  @Test
  void backchannel_isOneToThreeWordsWithTheCue_andNotACommitment() {
    Map<Cue, String> bc = Map.of(Cue.BACKCHANNEL, "i see");
    assertThat(ListeningDetector.isBackchannel(turn(Speaker.AGENT, "i see", 0, 500, bc))).isTrue();
    assertThat(ListeningDetector.isBackchannel(turn(Speaker.AGENT, "right i see now", 0, 500, bc))).isFalse();
    assertThat(ListeningDetector.isBackchannel(turn(Speaker.AGENT, "", 0, 500, bc))).isFalse();
    assertThat(ListeningDetector.isBackchannel(turn(Speaker.AGENT, "i see", 0, 500, Map.of()))).isFalse();
    assertThat(ListeningDetector.isBackchannel(turn(Speaker.AGENT, "ill fix",
        0, 500, Map.of(Cue.BACKCHANNEL, "ok", Cue.COMMITMENT, "ill")))).isFalse();
    Observations out = agent(turn(Speaker.AGENT, "mm hmm", 0, 500, bc));
    assertThat(out.evidence()).singleElement().satisfies(e -> {
      assertThat(e.rule()).isEqualTo("backchannel");
      assertThat(e.value()).isEqualTo(70);
      assertThat(e.weight()).isEqualTo(0.4);
    });
  }

  @Test
  void talkingOver_isCountedOnlyFromAfterTheCustomerBegan_toOverlapMsBeforeTheyEnded() {
    customer("my parcel never arrived and nobody called", 10_000, 15_000);
    assertThat(rules(agent("let me look into that for you", 13_999, 16_000))).contains("interrupted_customer");
    assertThat(rules(agent("let me look into that for you", 14_000, 16_000))).doesNotContain("interrupted_customer");
    assertThat(rules(agent("let me look into that for you", 10_000, 16_000))).doesNotContain("interrupted_customer");
    Observations out = agent("let me look into that for you", 10_001, 16_000);
    assertThat(out.has(Signal.Kind.INTERRUPTION)).isTrue();
    assertThat(out.evidence().get(0).value()).isEqualTo(15);
    assertThat(out.evidence().get(0).weight()).isEqualTo(1.5);
  }

  @Test
  void customerTalkingOverTheAgent_isTheAgentsInterruptionToo_onlyWhenTheAgentStartedInsideIt() {
    agent("let me look into that for you", 20_000, 22_000);
    // the agent began before the customer: the customer talking over them is not the agent interrupting
    assertThat(rules(customer("wait no", 21_000, 25_000))).isEmpty();
    // the agent started after the customer began and well before they finished: the agent talked over them
    agent("let me look into that for you", 30_000, 32_000);
    assertThat(rules(customer("wait no that is wrong", 29_000, 33_000))).contains("interrupted_customer");
  }

  @Test
  void restating_needsTwoOfTheCustomersContentWords_onceForEachCustomerTurn() {
    customer("my parcel never arrived yesterday", 0, 3_000);
    assertThat(rules(agent("so your parcel is late", 4_000, 6_000))).doesNotContain("restated_customer");
    Observations out = agent("so your parcel never came", 7_000, 9_000);
    assertThat(rules(out)).contains("restated_customer");
    assertThat(out.evidence().get(0).value()).isEqualTo(85);
    assertThat(out.evidence().get(0).frames()).hasSize(2);
    assertThat(rules(agent("parcel never arrived yesterday", 10_000, 12_000))).doesNotContain("restated_customer");
  }

  @Test
  void restating_stopWordsAndShortWordsDoNotCount() {
    customer("i really want that fixed now", 0, 3_000);
    // "really", "want", "that" are stop words, "now" is short: only "fixed" is content
    assertThat(ListeningDetector.sharedContentWords(turn(Speaker.AGENT, "you really want that fixed now", 0, 1, Map.of()),
        conversation.lastCustomerTurn())).isEqualTo(1);
  }

  @Test
  void question_endsWithAQuestionMark_orOpensWithAQuestionWordAndHasThreeWords() {
    assertThat(rules(agent("Right?", 0, 500))).contains("asked_question");
    assertThat(rules(agent("can you hold", 1_000, 2_000))).contains("asked_question");
    assertThat(rules(agent("what now", 3_000, 4_000))).doesNotContain("asked_question");
    assertThat(rules(agent("the order is what it is", 5_000, 6_000))).doesNotContain("asked_question");
    assertThat(rules(agent("", 7_000, 7_500))).doesNotContain("asked_question");
    Evidence q = agent("what is the order number", 8_000, 9_000).evidence().get(0);
    assertThat(q.value()).isEqualTo(68);
    assertThat(q.weight()).isEqualTo(0.4);
  }

  @Test
  void monologue_fromThirtySecondsOrNinetyWords() {
    assertThat(agent(words(10), 0, 30_000).has(Signal.Kind.MONOLOGUE)).isTrue();
    assertThat(agent(words(10), 40_000, 69_999).has(Signal.Kind.MONOLOGUE)).isFalse();
    assertThat(rules(agent(words(90), 70_000, 80_000))).contains("monologue");
    assertThat(rules(agent(words(89), 90_000, 100_000))).doesNotContain("monologue");
  }

  @Test
  void dismissive_quotesTheWords() {
    Evidence e = agent(turn(Speaker.AGENT, "calm down", 0, 1_000, Map.of(Cue.DISMISSIVE, "calm down")))
        .evidence().get(0);
    assertThat(e.rule()).isEqualTo("dismissive");
    assertThat(e.value()).isEqualTo(10);
    assertThat(e.weight()).isEqualTo(1.5);
    assertThat(e.text()).isEqualTo("Agent was dismissive: \"calm down\"");
  }

  @Test
  void fastTurn_isAboveTwoHundredTwentyWordsAMinute_overAtLeastFourSeconds() {
    assertThat(agent(words(22), 0, 6_000).has(Signal.Kind.FAST_SPEECH)).isFalse(); // exactly 220
    assertThat(agent(words(23), 10_000, 16_000).has(Signal.Kind.FAST_SPEECH)).isTrue(); // 230
    assertThat(agent(words(15), 20_000, 24_000).has(Signal.Kind.FAST_SPEECH)).isTrue(); // 225 over exactly 4 s
    assertThat(agent(words(20), 30_000, 33_999).has(Signal.Kind.FAST_SPEECH)).isFalse(); // too short to judge
  }

  @Test
  void fastAudio_isTwoWindowsInARowAboveOneNinety() {
    assertThat(audio(Speaker.AGENT, 191.0).has(Signal.Kind.FAST_SPEECH)).isFalse();
    assertThat(audio(Speaker.AGENT, 191.0).has(Signal.Kind.FAST_SPEECH)).isTrue();
    assertThat(audio(Speaker.AGENT, 250.0).has(Signal.Kind.FAST_SPEECH)).isFalse(); // once per run
    audio(Speaker.AGENT, 190.0); // not above: the run restarts
    assertThat(audio(Speaker.AGENT, 191.0).has(Signal.Kind.FAST_SPEECH)).isFalse();
    assertThat(audio(Speaker.CUSTOMER, 300.0).has(Signal.Kind.FAST_SPEECH)).isFalse();
    assertThat(audio(Speaker.AGENT, null).has(Signal.Kind.FAST_SPEECH)).isFalse();
    assertThat(audio(Speaker.AGENT, 191.0).has(Signal.Kind.FAST_SPEECH)).isTrue(); // others did not break the run
  }

  @Test
  void pace_needsTwoMeasurementsOfEachFigure_andTheTalkOfTheDominanceRule() {
    assertThat(detector.pace(conversation).isEmpty()).isTrue();
    audio(Speaker.AGENT, 180.0);
    agent(words(10), 0, 4_000);
    assertThat(detector.pace(conversation).wordsPerMin()).isNull();
    assertThat(detector.pace(conversation).turnWordsPerMin()).isNull();
    audio(Speaker.AGENT, 201.0);
    agent(words(30), 5_000, 13_000);
    agent(words(50), 14_000, 17_999); // too short to count as a long turn
    AgentPace pace = detector.pace(conversation);
    assertThat(pace.wordsPerMin()).isEqualTo(190.5); // mean of the windows
    assertThat(pace.turnWordsPerMin()).isEqualTo(200.0); // 40 words over 12 s of long turns
    assertThat(pace.talkShare()).isNull(); // 16 s of talk < 60 s
    customer(words(5), 20_000, 64_001);
    assertThat(detector.pace(conversation).talkShare()).isEqualTo(0.267); // 15.999 s of 60 s = 0.26665, to 3 places
  }

  @Test
  void customerRepeated_threeSharedContentWords_thatAreSixtyPercentOfTheTurn() {
    customer("the parcel arrived broken yesterday", 0, 2_000);
    assertThat(rules(customer("parcel arrived broken again", 3_000, 5_000))).containsExactly("customer_repeated");
    Evidence e = customer("parcel arrived broken again", 6_000, 8_000).evidence().get(0);
    assertThat(e.value()).isEqualTo(20);
    assertThat(e.weight()).isEqualTo(1.5);
  }

  @Test
  void customerRepeated_notWithTwoSharedWords_norWhenTheyAreUnderSixtyPercent() {
    customer("parcel arrived broken yesterday", 0, 2_000);
    assertThat(rules(customer("parcel arrived fine", 3_000, 5_000))).isEmpty();
    // 3 of 5 content words shared = 60 %: repeated
    assertThat(detector.restated(Tokens.of("parcel arrived broken today honestly"))).isEqualTo("parcel arrived broken");
    // 3 of 6 = 50 %: a new turn that mentions the old problem
    assertThat(detector.restated(Tokens.of("parcel arrived broken today honestly window"))).isNull();
    assertThat(detector.restated(Tokens.of("parcel arrived"))).isNull();
  }

  @Test
  void customerRepeated_whenTheyNoteTheyWereNotHeard() {
    Turn t = turn(Speaker.CUSTOMER, "as i said", 0, 1_000, Map.of(Cue.NOT_HEARD, "as i said"));
    assertThat(rules(customer(t))).containsExactly("customer_repeated");
  }

  @Test
  void customerRepeated_looksBackTenTurnsOnly() {
    customer("parcel arrived broken yesterday", 0, 1_000);
    for (int i = 0; i < 9; i++) {
      customer("something different entirely" + i, 1_000 + i * 1_000, 1_500 + i * 1_000);
    }
    assertThat(detector.restated(Tokens.of("parcel arrived broken"))).isEqualTo("parcel arrived broken");
    customer("another thing altogether", 20_000, 21_000);
    assertThat(detector.restated(Tokens.of("parcel arrived broken"))).isNull();
  }

  @Test
  void dominance_aboveSeventyFivePercentOfAMinuteOfTalk_thenNotAgainForAMinute() {
    customer(words(3), 0, 14_000);
    assertThat(rules(agent(words(3), 14_000, 59_999))).doesNotContain("agent_dominates"); // 59.999 s of talk
    Observations out = agent(words(3), 60_000, 60_002); // 46.001 s of 60.001: 76.7 %
    assertThat(rules(out)).contains("agent_dominates");
    assertThat(out.evidence().get(out.evidence().size() - 1).text()).isEqualTo("Agent has done 77% of the talking");
    assertThat(rules(agent(words(3), 61_000, 120_001))).doesNotContain("agent_dominates"); // within a minute
    assertThat(rules(agent(words(3), 121_000, 121_002))).contains("agent_dominates");
  }

  @Test
  void dominance_exactlyAtTheShareDoesNotFire() {
    customer(words(3), 0, 15_000);
    assertThat(rules(agent(words(3), 15_000, 60_000))).doesNotContain("agent_dominates"); // 45 of 60 s = 75 %
  }
}
