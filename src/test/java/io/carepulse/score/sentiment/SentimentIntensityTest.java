package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Intensity is how emphatically something is said, whichever way it points. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentIntensityTest {

  private static final SentimentAnalyzer STANDARD = SentimentAnalyzer.standard();

  private static double intensity(String text) {
    return STANDARD.analyze(text).intensity();
  }

  @Test
  void neutralWordsCarryNoIntensity() {
    assertThat(intensity("my account ends in four two")).isZero();
  }

  @Test
  void exclamationMarksRaiseIntensityUpToFour() {
    double calm = intensity("this is unacceptable");
    double one = intensity("this is unacceptable!");
    double three = intensity("this is unacceptable!!!");
    double four = intensity("this is unacceptable!!!!");
    assertThat(one).isGreaterThan(calm);
    assertThat(three).isGreaterThan(one);
    assertThat(intensity("this is unacceptable!!!!!!!!")).isEqualTo(four);
  }

  @Test
  void capitalsRaiseIntensity() {
    assertThat(intensity("this is UNACCEPTABLE")).isGreaterThan(intensity("this is unacceptable"));
    assertThat(intensity("I am NOT paying this")).isGreaterThan(intensity("I am not paying this"));
  }

  @Test
  void shoutingAWholeUtteranceCountsEvenThoughVaderIgnoresIt() {
    Sentiment shouted = STANDARD.analyze("WHY IS THIS SO DIFFICULT");
    Sentiment said = STANDARD.analyze("why is this so difficult");
    assertThat(shouted.compound()).isEqualTo(said.compound());
    assertThat(shouted.intensity()).isGreaterThan(said.intensity());
  }

  @Test
  void shortAcronymsAreNotShouting() {
    assertThat(intensity("my PIN stopped working at the ATM"))
        .isEqualTo(intensity("my pin stopped working at the atm"));
  }

  @Test
  void boostersRaiseAndDampenersLowerIntensity() {
    double plain = intensity("that was rude");
    assertThat(intensity("that was extremely rude")).isGreaterThan(plain);
    assertThat(intensity("that was slightly rude")).isLessThan(plain);
  }

  @Test
  void swearingRaisesIntensityBeyondItsValence() {
    assertThat(intensity("this is bloody ridiculous")).isGreaterThan(intensity("this is really ridiculous"));
  }

  @Test
  void strongerWordsAreMoreIntense() {
    assertThat(intensity("that's terrible")).isGreaterThan(intensity("that's a bit annoying"));
    assertThat(intensity("you've been amazing")).isGreaterThan(intensity("that's fine"));
  }

  @Test
  void intensityIgnoresDirection() {
    assertThat(intensity("I love it")).isGreaterThan(0.0);
    assertThat(intensity("I hate it")).isGreaterThan(0.0);
  }

  @Test
  void intensityStaysBelowOneEvenWhenEverythingIsThere() {
    double furious = intensity("this is ABSOLUTELY FUCKING RIDICULOUS, you people are USELESS!!!!!!");
    assertThat(furious).isGreaterThan(0.9).isLessThan(1.0);
  }
}
