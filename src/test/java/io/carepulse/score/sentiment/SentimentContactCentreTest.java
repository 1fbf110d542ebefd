package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Customer utterances scored the way a support team lead would read them. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentContactCentreTest {

  private static final SentimentAnalyzer STANDARD = SentimentAnalyzer.standard();
  private static final SentimentAnalyzer VADER = SentimentAnalyzer.vaderOnly();

  private static double compound(String text) {
    return STANDARD.analyze(text).compound();
  }

  @Test
  void askingForAManagerIsClearlyNegative() {
    assertThat(compound("I want to speak to a manager")).isLessThan(-0.3);
    assertThat(compound("Can I talk to your supervisor please")).isLessThan(-0.3);
    // Plain VADER reads it as faintly positive ("want" +0.3).
    assertThat(VADER.analyze("I want to speak to a manager").compound()).isGreaterThan(0.0);
  }

  @Test
  void repeatContactIsNegative() {
    assertThat(compound("this is the third time I've called")).isLessThan(-0.4);
    assertThat(compound("This is the THIRD time I have called about this")).isLessThan(-0.4);
    assertThat(VADER.analyze("this is the third time I've called").compound()).isEqualTo(0.0);
  }

  @Test
  void gratitudeAndReliefArePositive() {
    assertThat(compound("thank you so much, that's a relief")).isGreaterThan(0.7);
    assertThat(compound("thank you so much, that's a relief"))
        .isGreaterThan(VADER.analyze("thank you so much, that's a relief").compound());
    assertThat(compound("you've been very helpful")).isGreaterThan(0.5);
    assertThat(compound("ok that fixed it, problem solved")).isGreaterThan(0.6);
  }

  /**
   * "I don't want to cancel my account" is a customer who wants to stay: not a churn threat.
   * VADER's negation turns the cancellation phrase mildly positive, which is the right reading
   * on its own; said with "but ..." the clause after "but" dominates, as it should.
   */
  @Test
  void notWantingToCancelIsNotAChurnThreat() {
    double threat = compound("I want to cancel my account");
    double stay = compound("I don't want to cancel my account");
    assertThat(threat).isLessThan(-0.3);
    assertThat(stay).isGreaterThan(0.0).isLessThan(0.5);
    assertThat(stay).isLessThan(compound("thank you so much, that's a relief"));
    assertThat(compound("I don't want to cancel my account but this is ridiculous")).isLessThan(-0.3);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "I've been on hold for forty minutes",
      "this is ridiculous",
      "you people never call back",
      "finally someone answers",
      "what a waste of time",
      "it's still not working",
      "nobody called me back",
      "I've been waiting for weeks",
      "switch to another provider, that's what I'll do",
      "I'm going to file a complaint",
      "I am not happy",
      "I want to close my account",
      "you guys are useless",
      "there's a fee on my statement I never agreed to",
      "my card was declined",
  })
  void complaintsScoreNegative(String utterance) {
    assertThat(compound(utterance)).as(utterance).isLessThan(-0.05);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "that's great, thanks",
      "that helps a lot",
      "perfect",
      "you've been so helpful today",
      "thank you so much",
      "that's a relief",
      "problem solved",
      "it's working now",
      "I really appreciate it",
      "you're a lifesaver",
  })
  void resolutionsScorePositive(String utterance) {
    assertThat(compound(utterance)).as(utterance).isGreaterThan(0.3);
  }

  @Test
  void apostropheVariantsMatchTheSamePhrase() {
    double written = compound("third time I've called");
    assertThat(compound("third time Ive called")).isCloseTo(written, within(1e-12));
    assertThat(compound("third time I have called")).isCloseTo(written, within(1e-12));
    assertThat(compound("third time I\u2019ve called")).isCloseTo(written, within(1e-12));
  }

  @Test
  void phrasesMatchCaseInsensitivelyAndIgnoreSurroundingPunctuation() {
    double plain = compound("speak to a manager");
    assertThat(compound("SPEAK TO A MANAGER")).isCloseTo(plain, within(1e-12));
    assertThat(compound("\"Speak to a manager.\"")).isCloseTo(plain, within(1e-12));
  }

  @Test
  void phrasesMatchOnWholeTokensOnly() {
    assertThat(compound("speak to a managerial team")).isEqualTo(0.0);
    assertThat(compound("we had a fee")).isLessThan(0.0);
    assertThat(compound("we had coffee")).isEqualTo(0.0);
  }

  @Test
  void negationAndBoostersActAroundAPhrase() {
    double waiting = compound("I've been waiting");
    assertThat(compound("really I've been waiting")).isLessThan(waiting);
    assertThat(compound("I'm not happy")).isLessThan(-0.4);
    assertThat(compound("it's not working")).isLessThan(0.0);
    assertThat(compound("never a waste of time")).isGreaterThan(0.0);
  }

  @Test
  void askingForHelpIsNeutralNotWarm() {
    assertThat(compound("hi, I need help with my bill")).isCloseTo(0.0, within(0.05));
    assertThat(VADER.analyze("hi, I need help with my bill").compound()).isGreaterThan(0.3);
  }

  @Test
  void aBareNoIsAnAnswerNotAComplaint() {
    assertThat(compound("No.")).isGreaterThan(-0.1);
    assertThat(compound("no problem")).isGreaterThan(0.1);
  }

  @Test
  void shortWordsKeepTheirMeaningBeforePunctuation() {
    // The reference keeps "it." and "no." whole (it protects emoticons that way); transcripts
    // need "that fixed it." to match the phrase, while ":)" and ":D" still score as emoticons.
    assertThat(compound("that fixed it.")).isGreaterThan(0.3);
    assertThat(compound(":)")).isCloseTo(VADER.analyze(":)").compound(), within(1e-12));
    assertThat(compound("ok :D")).isCloseTo(VADER.analyze("ok :D").compound(), within(0.1));
  }
}
