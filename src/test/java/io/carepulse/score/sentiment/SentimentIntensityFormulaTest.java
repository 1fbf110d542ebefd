package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The intensity formula of docs/sentiment.md ("Intensity"), term by term: lexical = max|s| + 0.5 ·
 * (Σ|s| − max|s|) over the item scores before "but"; emphasis = punctuation + 0.733 per capitalised
 * word + 0.293 per booster + 1 per swear word, each capped at three; E = 0.5 · lexical + emphasis;
 * intensity = E / √(E² + 9). Lexicon: good 1.9, bad -2.5, shit -2.6.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentIntensityFormulaTest {

  private static final SentimentAnalyzer VADER = SentimentAnalyzer.vaderOnly();
  private static final double EPS = 1e-9;

  private static double expected(double lexical, double emphasis) {
    double e = 0.5 * lexical + emphasis;
    return e / Math.sqrt(e * e + 9);
  }

  private static double intensity(String text) {
    return VADER.analyze(text).intensity();
  }

  @Test
  void theStrongestItemCountsFully_theOthersHalf_beforeBut() {
    assertThat(intensity("good")).isCloseTo(expected(1.9, 0), within(EPS));
    assertThat(intensity("good bad")).isCloseTo(expected(2.5 + 0.5 * 1.9, 0), within(EPS));
    // "but" re-weights compound, not intensity.
    assertThat(intensity("good but bad")).isCloseTo(expected(2.5 + 0.5 * 1.9, 0), within(EPS));
  }

  @Test
  void punctuationIsEmphasis() {
    assertThat(intensity("good!!")).isCloseTo(expected(1.9, 2 * 0.292), within(EPS));
    assertThat(intensity("good!!!!!!")).isCloseTo(expected(1.9, 4 * 0.292), within(EPS));
    assertThat(intensity("good???")).isCloseTo(expected(1.9, 3 * 0.18), within(EPS));
  }

  @Test
  void aCapitalisedWordRaisesItsItemAndCountsAsAMarker() {
    assertThat(intensity("it is GOOD")).isCloseTo(expected(1.9 + 0.733, 0.733), within(EPS));
    // A three-letter word counts when it is a lexicon word.
    assertThat(intensity("it is BAD")).isCloseTo(expected(2.5 + 0.733, 0.733), within(EPS));
  }

  @Test
  void shortCapitalisedWordsCountOnlyWhenTheyCarryMeaning() {
    // "I" has one letter, "PIN" three and no meaning: neither is shouting. "CARD" has four letters.
    assertThat(intensity("I am GOOD")).isCloseTo(expected(1.9 + 0.733, 0.733), within(EPS));
    assertThat(intensity("my PIN is bad")).isCloseTo(expected(2.5, 0), within(EPS));
    assertThat(intensity("my CARD is bad")).isCloseTo(expected(2.5, 0.733), within(EPS));
    // A two-letter booster in capitals counts as a capital and as a booster; "SO" right before the
    // word with three words before it also multiplies by 1.25 (the reference's quirk).
    double so = (1.9 + 0.293 + 0.733) * 1.25;
    assertThat(intensity("it is SO good")).isCloseTo(expected(so, 0.733 + 0.293), within(EPS));
  }

  @Test
  void capitalsAreCappedAtThree() {
    double v = 1.9 + 0.733;
    assertThat(intensity("GOOD GOOD GOOD GOOD day"))
        .isCloseTo(expected(v + 0.5 * 3 * v, 3 * 0.733), within(EPS));
  }

  @Test
  void aShoutedUtteranceOfThreeWordsCounts_twoWordsDoNot() {
    // All capitals: no capital increment on the items (VADER), but THIS and BAD are shouted; IS is
    // too short and means nothing.
    assertThat(intensity("THIS IS BAD")).isCloseTo(expected(2.5, 2 * 0.733), within(EPS));
    assertThat(intensity("SO BAD")).isCloseTo(expected(2.5 + 0.293, 0.293), within(EPS));
  }

  @Test
  void boostersAreCappedAtThree_dampenersAreNotMarkers() {
    double v = 1.9 + 0.293 + 0.293 * 0.95 + 0.293 * 0.9;
    assertThat(intensity("very very very very good")).isCloseTo(expected(v, 3 * 0.293), within(EPS));
    assertThat(intensity("slightly good")).isCloseTo(expected(1.9 - 0.293, 0), within(EPS));
  }

  @Test
  void swearWordsAddOneEach_upToThree() {
    assertThat(intensity("shit")).isCloseTo(expected(2.6, 1.0), within(EPS));
    assertThat(intensity("shit shit shit shit")).isCloseTo(expected(2.6 + 0.5 * 3 * 2.6, 3.0), within(EPS));
  }

  @Test
  void curlyQuotesAreStrippedByTheStandardAnalyser() {
    SentimentAnalyzer standard = SentimentAnalyzer.standard();
    double good = 1.9 / Math.sqrt(1.9 * 1.9 + 15);
    assertThat(standard.analyze("\u201cgood\u201d").compound()).isCloseTo(good, within(EPS));
    assertThat(standard.analyze("\u2018good\u2019").compound()).isCloseTo(good, within(EPS));
    // Other non-ASCII marks are not punctuation.
    assertThat(standard.analyze("\u00bfgood").compound()).isZero();
  }

  @Test
  void aTextLongerThanTheCachedBufferIsScoredWhole() {
    // 500 × "good " + 600 × "bad " is 4900 characters, past the 4096 kept per thread; the
    // proportions see every word: positive = 500 · 2.9 / (500 · 2.9 + 600 · 3.5).
    Sentiment s = VADER.analyze("good ".repeat(500) + "bad ".repeat(600));
    assertThat(s.positive()).isCloseTo(1450.0 / 3550.0, within(EPS));
    assertThat(s.negative()).isCloseTo(2100.0 / 3550.0, within(EPS));
  }
}
