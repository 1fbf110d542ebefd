package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Spanish lexicon and its rules, sentence by sentence. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpanishSentimentTest {

  private static double compound(String text) {
    return SpanishSentiment.standard().analyze(text).compound();
  }

  @Test
  void angerIsNegative_thanksArePositive_aPlainRequestIsNeutral() {
    assertThat(compound("Estoy harto, esto es inaceptable")).isLessThan(-0.6);
    assertThat(compound("Muchas gracias, ha sido muy amable")).isGreaterThan(0.6);
    assertThat(compound("Quiero cambiar la dirección de envío")).isZero();
  }

  @Test
  void aNegationFlipsTheWordsAfterItInItsClause() {
    assertThat(compound("No hay ningún problema")).isPositive();
    assertThat(compound("El router no funciona")).isLessThan(-0.3);
    assertThat(compound("Esto no está bien")).isNegative();
    // "No, gracias": the no answers the question, the thanks are still thanks.
    assertThat(compound("No, gracias")).isPositive();
  }

  @Test
  void boostersCapitalsAndExclamationsStrengthen_aContrastWeighsTheEnd() {
    assertThat(compound("Es muy malo")).isLessThan(compound("Es malo"));
    assertThat(compound("Es HORRIBLE de verdad")).isLessThan(compound("Es horrible de verdad"));
    assertThat(compound("Es horrible!!!")).isLessThan(compound("Es horrible"));
    assertThat(compound("El técnico fue amable, pero el servicio es pésimo")).isNegative();
    assertThat(SpanishSentiment.standard().analyze("¡Joder, qué mierda de servicio!").intensity())
        .isGreaterThan(SpanishSentiment.standard().analyze("Qué mal servicio").intensity());
  }

  @Test
  void accentsAreFoldedOnBothSides() {
    assertThat(SpanishSentiment.fold("Está PÉSIMO, vergüenza, año")).isEqualTo("esta pesimo, verguenza, año");
    assertThat(compound("Es pesimo")).isEqualTo(compound("Es pésimo")).isLessThan(-0.5);
  }
}
