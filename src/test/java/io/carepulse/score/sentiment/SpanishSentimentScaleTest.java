package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spanish turns land on English's scale only if the two read a sentence the same way: a phrase is one item said in one
 * clause, and the first contrast splits the sentence (VADER's first "but").
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SpanishSentimentScaleTest {

  private final SpanishSentiment spanish = SpanishSentiment.standard();

  @Test
  void aPhraseIsOneItem_notOneValencedWordAmongNeutralOnes() {
    Sentiment broken = spanish.analyze("no funciona");

    assertThat(broken.negative()).as("the whole turn is the complaint").isEqualTo(1.0);
    assertThat(broken.neutral()).isZero();
  }

  @Test
  void punctuationEndsAPhrase_asItEndsBoostersAndNegation() {
    assertThat(spanish.analyze("muy, bien").compound()).as("'muy,' then 'bien': no 'muy bien'")
        .isLessThan(spanish.analyze("muy bien").compound());
  }

  @Test
  void theFirstContrastSplitsTheSentence_asEnglishsFirstBut() {
    // genial ×0.5 before the first "pero"; genial and fatal ×1.5 after it: more praise than blame.
    assertThat(spanish.analyze("genial pero genial pero fatal").compound()).isPositive();
    assertThat(SentimentAnalyzer.standard().analyze("great but great but awful").compound()).isPositive();
  }
}
