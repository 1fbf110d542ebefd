package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The edges of each VADER rule in docs/sentiment.md ("How the port works"), by hand from the lexicon
 * (good 1.9, bad -2.5, no -1.2, stop -1.2, broken -2.1, kiss 1.8, death -2.9, kind 2.4, fun 2.3) and
 * the reference constants: boosters ±0.293 (×0.95, ×0.9 further back), capitals ±0.733, negation
 * ×-0.74, "!" 0.292, "?" 0.18 / 0.96, compound = x / √(x² + 15).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentRuleBoundariesTest {

  private static final SentimentAnalyzer VADER = SentimentAnalyzer.vaderOnly();
  private static final double EPS = 1e-9;

  private static double normalise(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  private static double compound(String text) {
    return VADER.analyze(text).compound();
  }

  // --- "no": negates one or two words on, three with "or"/"nor" in between

  @Test
  void noTwoWordsBeforeNegates_andItselfStillScoresWhenNotRightBeforeAWord() {
    // "no" is followed by "the" (not lexical), so it keeps its own -1.2; "good" two on is negated.
    assertThat(compound("no the good")).isCloseTo(normalise(-1.2 + 1.9 * -0.74), within(EPS));
  }

  @Test
  void noThreeWordsBackNegatesOnlyThroughOr() {
    assertThat(compound("no tea or good")).isCloseTo(normalise(-1.2 + 1.9 * -0.74), within(EPS));
    // Without "or" the third word back is out of the "no" window (and "the" is no negation).
    assertThat(compound("no tea the good")).isCloseTo(normalise(-1.2 + 1.9), within(EPS));
    // Four words back: out of every window.
    assertThat(compound("no tea or the good")).isCloseTo(normalise(-1.2 + 1.9), within(EPS));
  }

  @Test
  void noBeforeTheLastWordStillCounts() {
    // "no" as the last word is not "before a lexical word": it keeps -1.2.
    assertThat(compound("good no")).isCloseTo(normalise(1.9 - 1.2), within(EPS));
  }

  // --- negation words in the three words before

  @Test
  void negationThreeWordsBackStillFlips() {
    assertThat(compound("not at all good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
    assertThat(compound("it is not good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
  }

  @Test
  void withoutNegatesLikeNot() {
    assertThat(compound("without good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
    assertThat(compound("without the good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
  }

  @Test
  void anyNtContractionNegates_evenOneOutsideTheList() {
    // "mayn't" is not in the reference's list; the n't rule catches it.
    assertThat(compound("mayn't good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
    // An "nt" without the apostrophe outside the list is just a word.
    assertThat(compound("maynt good")).isCloseTo(normalise(1.9), within(EPS));
  }

  @Test
  void neverThisIntensifiesLikeNeverSo() {
    assertThat(compound("never this good")).isCloseTo(normalise(1.9 * 1.25), within(EPS));
    // Three back: "never so" before a booster, the booster adds 0.293 and "so" (also a booster) 0.293 × 0.95.
    assertThat(compound("never so very good"))
        .isCloseTo(normalise((1.9 + 0.293 + 0.293 * 0.95) * 1.25), within(EPS));
    assertThat(compound("never this very good")).isCloseTo(normalise((1.9 + 0.293) * 1.25), within(EPS));
  }

  @Test
  void soOrThisRightBeforeAWordIntensifiesOnceThreeWordsPrecede() {
    // The reference's precedence quirk kept on purpose (docs/sentiment.md, "Deviations").
    assertThat(compound("so good")).isCloseTo(normalise(1.9 + 0.293), within(EPS));
    assertThat(compound("it is so good")).isCloseTo(normalise((1.9 + 0.293) * 1.25), within(EPS));
    assertThat(compound("it is this good")).isCloseTo(normalise(1.9 * 1.25), within(EPS));
  }

  @Test
  void withoutDoubtAffirmsTheWordAfter() {
    // "doubt" (-1.5) right after "without" is negated to +1.11; "good" keeps its booster and is not negated.
    assertThat(compound("without doubt very good"))
        .isCloseTo(normalise(1.5 * 0.74 + 1.9 + 0.293), within(EPS));
    // "without a doubt": "a" sits between, "doubt" is two on from "without" and still negated.
    assertThat(compound("it is without a doubt good")).isCloseTo(normalise(1.5 * 0.74 + 1.9), within(EPS));
    // Two back with no doubt: plain negation.
    assertThat(compound("without a good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
    assertThat(compound("without a very good")).isCloseTo(normalise((1.9 + 0.293) * -0.74), within(EPS));
  }

  @Test
  void leastNegatesAtTheStartAndAfterOtherWords_butNotAfterVery() {
    assertThat(compound("least good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
    // "very" still boosts "good" from two words back (×0.95), but "very least" does not negate.
    assertThat(compound("very least good")).isCloseTo(normalise(1.9 + 0.293 * 0.95), within(EPS));
    assertThat(compound("it least good")).isCloseTo(normalise(1.9 * -0.74), within(EPS));
  }

  // --- boosters, dampeners and capitals

  @Test
  void boostersFollowTheDirectionOfTheWordAndFadeWithDistance() {
    assertThat(compound("very bad")).isCloseTo(normalise(-2.5 - 0.293), within(EPS));
    assertThat(compound("very tea the good")).isCloseTo(normalise(1.9 + 0.293 * 0.9), within(EPS));
    assertThat(compound("slightly tea bad")).isCloseTo(normalise(-2.5 + 0.293 * 0.95), within(EPS));
    assertThat(compound("very tea the bad")).isCloseTo(normalise(-2.5 - 0.293 * 0.9), within(EPS));
  }

  @Test
  void aBoosterInCapitalsAddsTheCapitalIncrement_onlyInMixedCase() {
    assertThat(compound("it is VERY good")).isCloseTo(normalise(1.9 + 0.293 + 0.733), within(EPS));
    assertThat(compound("it is VERY bad")).isCloseTo(normalise(-2.5 - 0.293 - 0.733), within(EPS));
    assertThat(compound("IT IS VERY GOOD")).isCloseTo(normalise(1.9 + 0.293), within(EPS));
  }

  @Test
  void capitalsApplyBeforeNegation() {
    // Reference order: capitals first, then the negation of the words before.
    assertThat(compound("it isn't GOOD")).isCloseTo(normalise((1.9 + 0.733) * -0.74), within(EPS));
    assertThat(compound("it is BAD")).isCloseTo(normalise(-2.5 - 0.733), within(EPS));
  }

  @Test
  void kindOfAndSortOfDampen_kindAloneIsAWord() {
    assertThat(compound("it was sort of good")).isCloseTo(normalise(1.9 - 0.293), within(EPS));
    // "sort of" three back (the word after it is not lexical): still dampens.
    assertThat(compound("it was sort of a good")).isCloseTo(normalise(1.9 - 0.293), within(EPS));
    assertThat(compound("it was kinda good")).isCloseTo(normalise(1.9 - 0.293), within(EPS));
    assertThat(compound("you are kind")).isCloseTo(normalise(2.4), within(EPS));
    // "kind" followed by "of" scores nothing itself, even with nothing lexical after.
    assertThat(compound("kind of")).isZero();
  }

  // --- idioms

  @Test
  void idiomsReplaceEachOfTheirLexicalWords() {
    // "kiss" (1.8) sees "kiss of death" ahead of it, "death" (-2.9) sees it behind: both become -1.5.
    assertThat(compound("she gave him the kiss of death")).isCloseTo(normalise(-1.5 - 1.5), within(EPS));
    // "broken" (-2.1) followed by "heart" (not in this lexicon) is a broken heart.
    assertThat(compound("i have a broken heart")).isCloseTo(normalise(-2.9), within(EPS));
    assertThat(compound("i have a broken arm")).isCloseTo(normalise(-2.1), within(EPS));
    // "bad ass" is positive, for both of its words.
    assertThat(compound("he is a bad ass")).isCloseTo(normalise(1.5 + 1.5), within(EPS));
  }

  @Test
  void idiomsNeedThreeWordsBeforeTheWord() {
    // With fewer than three words before "broken" the idiom check is not reached (as in the reference).
    assertThat(compound("a broken heart")).isCloseTo(normalise(-2.1), within(EPS));
  }

  @Test
  void aNeutralIdiomJustBeforeAWordCancelsIt() {
    // "bus stop" (0.0): "stop" (-1.2) sees it ending at itself, "good" sees it just behind: both become 0.
    assertThat(compound("at the bus stop good")).isZero();
    assertThat(compound("at the old stop good")).isCloseTo(normalise(-1.2 + 1.9), within(EPS));
  }

  // --- "but"

  @Test
  void onlyTheFirstButReweights() {
    assertThat(compound("good but bad but fun"))
        .isCloseTo(normalise(1.9 * 0.5 - 2.5 * 1.5 + 2.3 * 1.5), within(EPS));
    assertThat(compound("bad but good")).isCloseTo(normalise(-2.5 * 0.5 + 1.9 * 1.5), within(EPS));
    assertThat(compound("but good")).isCloseTo(normalise(1.9 * 1.5), within(EPS));
    assertThat(compound("good but")).isCloseTo(normalise(1.9 * 0.5), within(EPS));
  }

  // --- punctuation

  @Test
  void theFourthExclamationCountsTheFifthDoesNot() {
    assertThat(compound("good!!!")).isCloseTo(normalise(1.9 + 3 * 0.292), within(EPS));
    assertThat(compound("good!!!!")).isCloseTo(normalise(1.9 + 4 * 0.292), within(EPS));
    assertThat(compound("good!!!!!")).isEqualTo(compound("good!!!!"));
    // Marks anywhere count, and push a negative sum further down ("really" boosts nothing after it).
    assertThat(compound("bad ! really !")).isCloseTo(normalise(-2.5 - 2 * 0.292), within(EPS));
  }

  @Test
  void threeQuestionMarksAddEach_theFourthFloods() {
    assertThat(compound("good???")).isCloseTo(normalise(1.9 + 3 * 0.18), within(EPS));
    assertThat(compound("good????")).isCloseTo(normalise(1.9 + 0.96), within(EPS));
    assertThat(compound("bad??")).isCloseTo(normalise(-2.5 - 2 * 0.18), within(EPS));
    assertThat(compound("good!??")).isCloseTo(normalise(1.9 + 0.292 + 2 * 0.18), within(EPS));
  }

  @Test
  void punctuationGivesNoDirectionToAZeroSum() {
    assertThat(compound("hello!!!")).isZero();
    // No lexical word: the marks have no side to join, the text stays all neutral.
    assertThat(VADER.analyze("hello???").neutral()).isEqualTo(1.0);
  }

  // --- proportions

  @Test
  void proportionsCountEachNeutralWordOnceAndLexicalWordsByValuePlusOne() {
    Sentiment s = VADER.analyze("the good");
    assertThat(s.positive()).isCloseTo(2.9 / 3.9, within(EPS));
    assertThat(s.negative()).isZero();
    assertThat(s.neutral()).isCloseTo(1 / 3.9, within(EPS));
    Sentiment mixed = VADER.analyze("the good bad");
    assertThat(mixed.positive()).isCloseTo(2.9 / (2.9 + 3.5 + 1), within(EPS));
    assertThat(mixed.negative()).isCloseTo(3.5 / (2.9 + 3.5 + 1), within(EPS));
    assertThat(mixed.neutral()).isCloseTo(1 / (2.9 + 3.5 + 1), within(EPS));
  }

  @Test
  void punctuationJoinsTheLargerSideOfTheProportions() {
    Sentiment pos = VADER.analyze("the good!");
    assertThat(pos.positive()).isCloseTo((2.9 + 0.292) / (3.9 + 0.292), within(EPS));
    assertThat(pos.neutral()).isCloseTo(1 / (3.9 + 0.292), within(EPS));
    Sentiment neg = VADER.analyze("the good bad!");
    double total = 2.9 + 3.5 + 0.292 + 1;
    assertThat(neg.negative()).isCloseTo((3.5 + 0.292) / total, within(EPS));
    assertThat(neg.positive()).isCloseTo(2.9 / total, within(EPS));
  }

  // --- compound normalisation

  @Test
  void compoundApproachesButNeverLeavesMinusOneToOne() {
    String many = "good ".repeat(200);
    assertThat(compound(many)).isLessThanOrEqualTo(1.0).isGreaterThan(0.9999);
    assertThat(compound("bad ".repeat(200))).isGreaterThanOrEqualTo(-1.0).isLessThan(-0.9999);
    assertThat(compound("good good")).isCloseTo(normalise(3.8), within(EPS));
  }

  // --- tokens

  @Test
  void pythonWhitespaceSeparatesWords() {
    double twoWords = normalise(1.9 - 2.5);
    assertThat(compound("good\tbad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u000bbad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u001cbad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u001fbad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u0085bad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u00a0bad")).isCloseTo(twoWords, within(EPS));
    assertThat(compound("good\u2003bad")).isCloseTo(twoWords, within(EPS));
    // Not whitespace: one unknown token.
    assertThat(compound("good\u001bbad")).isZero();
    assertThat(compound("good\u00b7bad")).isZero();
  }

  @Test
  void surroundingPunctuationIsStripped_shortTokensKeptRaw() {
    assertThat(compound("\"good,\"")).isCloseTo(normalise(1.9), within(EPS));
    assertThat(compound("(bad)")).isCloseTo(normalise(-2.5), within(EPS));
    // "no." keeps its dot in the plain port (two characters remain after stripping): not a word.
    assertThat(compound("no.")).isZero();
    // Curly quotes are not ASCII punctuation for the plain port.
    assertThat(compound("\u201cgood\u201d")).isZero();
  }

  @Test
  void curlyApostrophesNegateOnlyInTheStandardAnalyser() {
    assertThat(compound("don\u2019t good")).isCloseTo(normalise(1.9), within(EPS));
    // standard() also has contact-centre words, but "good" and "don't" keep VADER's meaning.
    assertThat(SentimentAnalyzer.standard().analyze("don\u2019t good").compound())
        .isCloseTo(normalise(1.9 * -0.74), within(EPS));
  }

  @Test
  void anIdiomNeedsAllItsWordsInThisText_notLeftOversOfThePreviousOne() {
    // The per-thread buffers are reused; an idiom cut short at the end of a text must not be
    // completed by the words of the text analysed before it on the same thread.
    VADER.analyze("a b c bad ass");
    assertThat(compound("a b c bad")).isCloseTo(normalise(-2.5), within(EPS));
    VADER.analyze("a b c kiss of death");
    assertThat(compound("a b c kiss of")).isCloseTo(normalise(1.8), within(EPS));
  }
}
