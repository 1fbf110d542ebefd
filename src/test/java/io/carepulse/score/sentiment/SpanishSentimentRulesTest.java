package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SpanishSentiment's rules one at a time (its class javadoc: VADER's constants, boosters and capitals
 * raise, a negation in the three words before in the same clause flips ×-0.74, contrasts weigh ×0.5
 * before / ×1.5 after, "!" adds 0.292 up to four, compound = x / √(x² + 15)). Values from
 * es-valence.tsv: bien 1.5, bueno 1.4 ("muy bien" is an entry of its own, 2.1), amable 2.3, genial 2.8, fatal -2.8, mierda -3.0, "no funciona" -2.0,
 * funciona 1.2. Scores are given to four decimals, hence the 1e-4 tolerance.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpanishSentimentRulesTest {

  private static final SpanishSentiment ES = SpanishSentiment.standard();
  private static final double EPS = 1.0001e-4;

  private static double normalise(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  /** Intensity as docs/sentiment.md defines it, with the emphasis already summed. */
  private static double intensity(double lexical, double emphasis) {
    double e = 0.5 * lexical + emphasis;
    return e / Math.sqrt(e * e + 9);
  }

  private static double compound(String text) {
    return ES.analyze(text).compound();
  }

  @Test
  void aWordAloneScoresItsValence_toFourDecimals() {
    double c = compound("genial");
    assertThat(c).isCloseTo(normalise(2.8), within(EPS));
    assertThat(c * 10_000).isCloseTo(Math.rint(c * 10_000), within(1e-6));
    assertThat(compound("hola")).isZero();
  }

  @Test
  void boostersAddInTheWordsDirectionAndFadeOverThreeWords() {
    assertThat(compound("muy bueno")).isCloseTo(normalise(1.4 + 0.293), within(EPS));
    assertThat(compound("muy fatal")).isCloseTo(normalise(-2.8 - 0.293), within(EPS));
    assertThat(compound("muy muy bueno")).isCloseTo(normalise(1.4 + 0.293 + 0.293 * 0.95), within(EPS));
    assertThat(compound("muy muy muy bueno"))
        .isCloseTo(normalise(1.4 + 0.293 + 0.293 * 0.95 + 0.293 * 0.9), within(EPS));
    // The fourth word back is out of reach.
    assertThat(compound("muy muy muy muy bueno")).isEqualTo(compound("muy muy muy bueno"));
    // Dampeners lower the size of the word.
    assertThat(compound("poco amable")).isCloseTo(normalise(2.3 - 0.293), within(EPS));
  }

  @Test
  void boostersDoNotReachAcrossPunctuation() {
    assertThat(compound("muy, bueno")).isCloseTo(normalise(1.4), within(EPS));
  }

  @Test
  void capitalsRaiseOnlyWhenTheyStandOut() {
    assertThat(compound("es GENIAL")).isCloseTo(normalise(2.8 + 0.733), within(EPS));
    assertThat(compound("es FATAL")).isCloseTo(normalise(-2.8 - 0.733), within(EPS));
    assertThat(compound("ES GENIAL")).isCloseTo(normalise(2.8), within(EPS));
    assertThat(compound("GENIAL")).isCloseTo(normalise(2.8), within(EPS));
    // A one-letter word is never "in capitals", so GENIAL still stands out next to "Y".
    assertThat(compound("GENIAL Y")).isCloseTo(normalise(2.8 + 0.733), within(EPS));
  }

  @Test
  void negationFlipsWithinThreeWordsOnly() {
    assertThat(compound("no genial")).isCloseTo(normalise(2.8 * -0.74), within(EPS));
    assertThat(compound("no es muy genial")).isCloseTo(normalise((2.8 + 0.293) * -0.74), within(EPS));
    assertThat(compound("no lo es muy genial")).isCloseTo(normalise(2.8 + 0.293), within(EPS));
    // Two negators flip once, not twice.
    assertThat(compound("nunca no genial")).isCloseTo(normalise(2.8 * -0.74), within(EPS));
  }

  @Test
  void aPhraseThatStartsWithItsNegationIsNotNegatedAgain() {
    assertThat(compound("funciona")).isCloseTo(normalise(1.2), within(EPS));
    assertThat(compound("no funciona")).isCloseTo(normalise(-2.0), within(EPS));
    assertThat(compound("ya no funciona")).isCloseTo(normalise(-2.0), within(EPS));
  }

  @Test
  void sinEmbargoIsAContrastNotANegation() {
    assertThat(compound("sin embargo genial")).isCloseTo(normalise(2.8 * 1.5), within(EPS));
    assertThat(compound("fatal sin embargo genial")).isCloseTo(normalise(-2.8 * 0.5 + 2.8 * 1.5), within(EPS));
    // A bare "sin" is a negation.
    assertThat(compound("sin genial")).isCloseTo(normalise(2.8 * -0.74), within(EPS));
    // "sin" as the last word cannot start "sin embargo".
    assertThat(compound("genial sin")).isCloseTo(normalise(2.8), within(EPS));
  }

  @Test
  void contrastsWeighTheEnd() {
    assertThat(compound("genial pero fatal")).isCloseTo(normalise(2.8 * 0.5 - 2.8 * 1.5), within(EPS));
    assertThat(compound("fatal aunque genial")).isCloseTo(normalise(-2.8 * 0.5 + 2.8 * 1.5), within(EPS));
    assertThat(compound("pero genial")).isCloseTo(normalise(2.8 * 1.5), within(EPS));
    assertThat(compound("genial pero")).isCloseTo(normalise(2.8 * 0.5), within(EPS));
  }

  @Test
  void exclamationsAddUpToFourInTheDirectionOfTheSum() {
    assertThat(compound("genial!")).isCloseTo(normalise(2.8 + 0.292), within(EPS));
    assertThat(compound("fatal!!")).isCloseTo(normalise(-2.8 - 2 * 0.292), within(EPS));
    assertThat(compound("genial!!!!")).isCloseTo(normalise(2.8 + 4 * 0.292), within(EPS));
    assertThat(compound("genial!!!!!")).isEqualTo(compound("genial!!!!"));
    assertThat(compound("hola!!!")).isZero();
    // Question marks carry nothing in Spanish.
    assertThat(compound("¿genial??")).isCloseTo(normalise(2.8), within(EPS));
  }

  @Test
  void proportionsCountNeutralWordsOnceAndValencedOnesByValuePlusOne() {
    Sentiment s = ES.analyze("hola genial");
    assertThat(s.positive()).isCloseTo(3.8 / 4.8, within(EPS));
    assertThat(s.negative()).isZero();
    assertThat(s.neutral()).isCloseTo(1 / 4.8, within(EPS));
    Sentiment mixed = ES.analyze("hola genial fatal");
    assertThat(mixed.positive()).isCloseTo(3.8 / 8.6, within(EPS));
    assertThat(mixed.negative()).isCloseTo(3.8 / 8.6, within(EPS));
    assertThat(mixed.neutral()).isCloseTo(1 / 8.6, within(EPS));
  }

  @Test
  void intensityFollowsTheEnglishFormula() {
    assertThat(ES.analyze("genial").intensity()).isCloseTo(intensity(2.8, 0), within(EPS));
    // The strongest word counts fully, the others half.
    assertThat(ES.analyze("genial bien").intensity()).isCloseTo(intensity(2.8 + 0.5 * 1.5, 0), within(EPS));
    assertThat(ES.analyze("genial!!").intensity()).isCloseTo(intensity(2.8, 2 * 0.292), within(EPS));
    // Capitals: the word is raised by 0.733 and the capital counts as emphasis too.
    assertThat(ES.analyze("es GENIAL").intensity()).isCloseTo(intensity(2.8 + 0.733, 0.733), within(EPS));
    // Boosters raise the word and count as markers, at most three.
    double boosted = 1.4 + 0.293 + 0.293 * 0.95 + 0.293 * 0.9;
    assertThat(ES.analyze("muy muy muy muy bueno").intensity())
        .isCloseTo(intensity(boosted, 3 * 0.293), within(EPS));
    // Dampeners are not markers: they only lower the word.
    assertThat(ES.analyze("poco amable").intensity()).isCloseTo(intensity(2.3 - 0.293, 0), within(EPS));
    // Swear words add one each, at most three.
    assertThat(ES.analyze("mierda").intensity()).isCloseTo(intensity(3.0, 1.0), within(EPS));
    assertThat(ES.analyze("mierda mierda mierda mierda").intensity())
        .isCloseTo(intensity(3.0 + 0.5 * 9.0, 3.0), within(EPS));
  }

  @Test
  void capitalMarkersAreCappedAtThree() {
    double fourCaps = ES.analyze("GENIAL y GENIAL y GENIAL y GENIAL").intensity();
    double v = 2.8 + 0.733;
    assertThat(fourCaps).isCloseTo(intensity(v + 0.5 * 3 * v, 3 * 0.733), within(EPS));
  }

  @Test
  void foldingKeepsEnyeAndDropsGraveAccentsAndDiaeresis() {
    assertThat(SpanishSentiment.fold("Pingüino À LA Ñ")).isEqualTo("pinguino a la ñ");
    assertThat(SpanishSentiment.fold("sin acentos")).isEqualTo("sin acentos");
  }
}
