package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.carepulse.protocol.Speaker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The phrase reader's matching rules (docs/score-model.md §2), on a small list written here: whole tokens; the
 * evidence is the first match, the longest of those starting at the same token; a match that starts inside an
 * [!act] phrase does not count; a back-channel is at most three words; an agent question ends with "?" or opens with a question word
 * and has ≥ 3 words; hesitation sounds are skipped; a first-person action ("I'll send") is a commitment.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PhraseMatchingTest {

  private static final String LIST = String.join("\n",
      "# a comment, then a blank line",
      "",
      "[frustration]",
      "fed up",
      "fed up with",
      "so fed up with this",
      "[!frustration]",
      "not fed up",
      "[commitment]",
      "let me",
      "[!commitment]",
      "wont let me",
      "[backchannel]",
      "i see",
      "[empathy]",
      "sorry",
      "");

  private final PhraseActReader reader = parse(LIST);

  private static PhraseActReader parse(String text) {
    try {
      return PhraseActReader.parse("phrases:test", new BufferedReader(new StringReader(text)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private TurnActs customer(String text) {
    return reader.read(Speaker.CUSTOMER, text, Tokens.of(text));
  }

  private TurnActs agent(String text) {
    return reader.read(Speaker.AGENT, text, Tokens.of(text));
  }

  @Test
  void id_isTheOneGiven() {
    assertThat(reader.id()).isEqualTo("phrases:test");
  }

  @Test
  void longestPhraseStartingAtTheSameToken_isTheEvidence() {
    assertThat(customer("i am fed up with it").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up with");
    assertThat(customer("i am fed up").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up");
    assertThat(customer("i am so fed up with this").evidence(UtteranceAct.FRUSTRATION))
        .isEqualTo("so fed up with this");
  }

  @Test
  void firstMatchWins_overALongerOneLater() {
    assertThat(customer("fed up and so fed up with this").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up");
  }

  @Test
  void phrasesMatchWholeTokensOnly_andNotPastTheEndOfTheTurn() {
    assertThat(customer("fedup").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(customer("fed upper").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(customer("i am fed").has(UtteranceAct.FRUSTRATION)).isFalse();
    // "so fed up with" lacks "this": the longer phrase fails at the end, "fed up with" is found one token on
    assertThat(customer("so fed up with").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up with");
  }

  @Test
  void aCancellingPhraseAroundTheMatch_removesTheAct() {
    assertThat(customer("i am not fed up").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(agent("the system wont let me").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("let me check").evidence(UtteranceAct.COMMITMENT)).isEqualTo("let me");
    // a match that starts inside the cancelling phrase does not count, even where it reaches past it
    assertThat(customer("not fed up with").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(agent("the system wont let me raise it").has(UtteranceAct.COMMITMENT)).isFalse();
  }

  @Test
  void aMatchAfterTheCancellingPhrase_stillCounts() {
    assertThat(agent("the system wont let me do that so let me ring them myself").evidence(UtteranceAct.COMMITMENT))
        .isEqualTo("let me");
    assertThat(customer("im not fed up im fed up with you lot").has(UtteranceAct.FRUSTRATION)).isTrue();
  }

  @Test
  void cancellingTheCommitmentList_alsoStopsTheFirstPersonActionRule() {
    assertThat(agent("it wont let me so ill try again").has(UtteranceAct.COMMITMENT)).isFalse();
  }

  @Test
  void phrasesBelongToTheirSpeaker() {
    assertThat(agent("i am fed up").has(UtteranceAct.FRUSTRATION)).isFalse();
    assertThat(customer("let me think").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(customer("sorry").none()).isTrue();
    assertThat(agent("sorry").has(UtteranceAct.EMPATHY)).isTrue();
  }

  @Test
  void backchannel_isAtMostThreeWords() {
    assertThat(agent("i see").has(UtteranceAct.BACKCHANNEL)).isTrue();
    assertThat(agent("oh i see").has(UtteranceAct.BACKCHANNEL)).isTrue();
    assertThat(agent("oh i see now").has(UtteranceAct.BACKCHANNEL)).isFalse();
  }

  @Test
  void hesitationSounds_areSkippedBeforeMatching() {
    assertThat(customer("fed um up").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up");
    assertThat(customer("fed uh erm up").evidence(UtteranceAct.FRUSTRATION)).isEqualTo("fed up");
    // a back-channel with fillers is still short
    assertThat(agent("umm uhm i see").has(UtteranceAct.BACKCHANNEL)).isTrue();
    List<String> plain = List.of("no", "i", "said");
    assertThat(PhraseActReader.withoutFillers(plain)).isSameAs(plain);
    assertThat(PhraseActReader.withoutFillers(List.of("no", "um", "i", "er", "said"))).isEqualTo(plain);
  }

  @Test
  void agentQuestion_endsWithAQuestionMark_orOpensWithAQuestionWordAndHasThreeWords() {
    assertThat(agent("it is broken?").evidence(UtteranceAct.QUESTION)).isEqualTo("it is broken");
    assertThat(agent("what is that").evidence(UtteranceAct.QUESTION)).isEqualTo("what is that");
    assertThat(agent("what is your number").evidence(UtteranceAct.QUESTION)).isEqualTo("what is your …");
    assertThat(agent("what now").has(UtteranceAct.QUESTION)).isFalse();
    assertThat(agent("the thing is what").has(UtteranceAct.QUESTION)).isFalse();
    assertThat(customer("what is that").has(UtteranceAct.QUESTION)).isFalse();
  }

  @Test
  void firstPersonFuture_isACommitment_unlessTheVerbIsNotAnAction() {
    TurnActs acts = agent("ill send it today");
    assertThat(acts.evidence(UtteranceAct.COMMITMENT)).isEqualTo("ill send");
    assertThat(acts.probability(UtteranceAct.COMMITMENT)).isEqualTo(0.8, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(agent("i will call you back").evidence(UtteranceAct.COMMITMENT)).isEqualTo("i will call");
    assertThat(agent("we will refund it").evidence(UtteranceAct.COMMITMENT)).isEqualTo("we will refund");
    assertThat(agent("ill be honest").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("i will be honest").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("i will").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(customer("ill send it today").has(UtteranceAct.COMMITMENT)).isFalse();
  }

  @Test
  void firstPersonPerfect_withAPastParticiple_isACommitment() {
    assertThat(agent("ive linked the accounts").evidence(UtteranceAct.COMMITMENT)).isEqualTo("ive linked");
    assertThat(agent("weve sent the form").evidence(UtteranceAct.COMMITMENT)).isEqualTo("weve sent");
    assertThat(agent("i have checked it").evidence(UtteranceAct.COMMITMENT)).isEqualTo("i have checked");
    assertThat(agent("ive red shoes").has(UtteranceAct.COMMITMENT)).isFalse(); // "red" is too short to be one
    assertThat(agent("ive asked already").has(UtteranceAct.COMMITMENT)).isFalse(); // not an action
    assertThat(agent("i have a question").has(UtteranceAct.COMMITMENT)).isFalse();
  }

  @Test
  void weLl_needsAVerbAfterIt_andNotAsWell() {
    assertThat(agent("well check that now").evidence(UtteranceAct.COMMITMENT)).isEqualTo("well check");
    assertThat(agent("that as well check").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("well okay").has(UtteranceAct.COMMITMENT)).isFalse(); // nothing after the verb
    assertThat(agent("well i think so").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("well 24 hours then").has(UtteranceAct.COMMITMENT)).isFalse();
    assertThat(agent("ill x it").has(UtteranceAct.COMMITMENT)).isFalse(); // a one-letter word is not a verb
  }

  @Test
  void aPhraseBeforeAnySection_isRejectedWithItsLine() {
    assertThatThrownBy(() -> parse("# header\nfed up\n")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void standardList_isFoundOnTheClasspath_andAMissingOneIsNamed() {
    assertThat(PhraseActReader.standard().id()).isEqualTo("phrases:care-2-acts.txt");
    assertThatThrownBy(() -> PhraseActReader.fromResource("/model/none.txt"))
        .hasMessageContaining("/model/none.txt");
  }
}
