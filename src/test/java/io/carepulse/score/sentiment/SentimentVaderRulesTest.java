package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each VADER rule on its own, computed by hand from the lexicon values and the reference's
 * constants (normalise(x) = x / sqrt(x^2 + 15)).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentVaderRulesTest {

  private static final SentimentAnalyzer VADER = SentimentAnalyzer.vaderOnly();

  private static double normalise(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  private static double compound(String text) {
    return VADER.analyze(text).compound();
  }

  @Test
  void lexiconWordAlone() {
    assertThat(compound("good")).isCloseTo(normalise(1.9), within(1e-9));
  }

  @Test
  void negationByContractionWithinThreeWords() {
    assertThat(compound("it isn't good")).isCloseTo(normalise(1.9 * -0.74), within(1e-9));
    assertThat(compound("it isn't a good one")).isCloseTo(normalise(1.9 * -0.74), within(1e-9));
    assertThat(compound("it isn't at all a good one")).isCloseTo(normalise(1.9), within(1e-9));
  }

  @Test
  void boosterAndDampenerWithDistanceDecay() {
    assertThat(compound("very good")).isCloseTo(normalise(1.9 + 0.293), within(1e-9));
    assertThat(compound("very big good")).isCloseTo(normalise(1.9 + 0.293 * 0.95), within(1e-9));
    assertThat(compound("slightly bad")).isCloseTo(normalise(-2.5 + 0.293), within(1e-9));
  }

  @Test
  void capitalsCountOnlyWhenTheTextMixesCase() {
    assertThat(compound("it is GOOD")).isCloseTo(normalise(1.9 + 0.733), within(1e-9));
    assertThat(compound("IT IS GOOD")).isCloseTo(normalise(1.9), within(1e-9));
  }

  @Test
  void butHalvesWhatComesBeforeAndRaisesWhatComesAfter() {
    assertThat(compound("good but bad")).isCloseTo(normalise(1.9 * 0.5 - 2.5 * 1.5), within(1e-9));
  }

  @Test
  void exclamationsAddUpToFour() {
    assertThat(compound("good!!")).isCloseTo(normalise(1.9 + 2 * 0.292), within(1e-9));
    assertThat(compound("good!!!!!!!")).isCloseTo(normalise(1.9 + 4 * 0.292), within(1e-9));
  }

  @Test
  void questionMarksCountFromTwoAndCapAtFour() {
    assertThat(compound("good?")).isCloseTo(normalise(1.9), within(1e-9));
    assertThat(compound("good??")).isCloseTo(normalise(1.9 + 2 * 0.18), within(1e-9));
    assertThat(compound("good?????")).isCloseTo(normalise(1.9 + 0.96), within(1e-9));
  }

  @Test
  void neverSoAndWithoutDoubt() {
    assertThat(compound("has never been good")).isCloseTo(normalise(1.9 * -0.74), within(1e-9));
    assertThat(compound("never so good")).isCloseTo(normalise((1.9 + 0.293) * 1.25), within(1e-9));
    // "doubt" (-1.5) is itself negated by "without"; "good" is left alone.
    assertThat(compound("it is without doubt good")).isCloseTo(normalise(1.9 + 1.5 * 0.74), within(1e-9));
  }

  @Test
  void leastNegatesUnlessAtLeast() {
    assertThat(compound("the least good")).isCloseTo(normalise(1.9 * -0.74), within(1e-9));
    assertThat(compound("at least good")).isCloseTo(normalise(1.9), within(1e-9));
  }

  @Test
  void noBeforeALexicalWordNegatesItInsteadOfScoring() {
    assertThat(compound("no good")).isCloseTo(normalise(1.9 * -0.74), within(1e-9));
    assertThat(compound("no")).isCloseTo(normalise(-1.2), within(1e-9));
  }

  @Test
  void kindOfDampens() {
    assertThat(compound("it was kind of good")).isCloseTo(normalise(1.9 - 0.293), within(1e-9));
  }

  @Test
  void specialCaseIdiomsReplaceTheWordValence() {
    assertThat(compound("that movie was the shit")).isCloseTo(normalise(3.0), within(1e-9));
    assertThat(compound("I said oh yeah right")).isCloseTo(normalise(-2.0), within(1e-9));
  }

  @Test
  void emoticonsKeepTheirPunctuation() {
    assertThat(compound(":)")).isCloseTo(normalise(2.0), within(1e-9));
    assertThat(compound(":-(")).isCloseTo(normalise(-1.5), within(1e-9));
  }
}
