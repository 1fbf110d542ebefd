package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tokens (care-1 §1): lower-case letters and digits, apostrophes dropped inside words, anything else separates. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TokensRulesTest {

  @Test
  void nullAndPunctuationOnly_giveNoTokens() {
    assertThat(Tokens.of(null)).isEmpty();
    assertThat(Tokens.of(" ... !? ")).isEmpty();
    assertThat(Tokens.of("'")).isEmpty(); // an apostrophe alone is not a word
  }

  @Test
  void everyLetterAndDigitAtTheEdgesOfTheRanges_isKept_andLowerCased() {
    assertThat(Tokens.of("az AZ 09 Zebra")).containsExactly("az", "az", "09", "zebra");
    assertThat(Tokens.of("a-z")).containsExactly("a", "z");
    // the characters just outside the ASCII ranges separate words
    assertThat(Tokens.of("a@b[c`d{e/f:g")).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void apostrophes_straightOrCurly_areDroppedInsideWords() {
    assertThat(Tokens.of("I'll call, won\u2019t I?")).containsExactly("ill", "call", "wont", "i");
    assertThat(Tokens.of("it's")).containsExactly("its");
  }

  @Test
  void speechRecognitionText_withFillersAndNumbers_isTokenisedWordByWord() {
    assertThat(Tokens.of("um so uh my order 24 hours ago"))
        .containsExactly("um", "so", "uh", "my", "order", "24", "hours", "ago");
  }

  @Test
  void nonAsciiLetters_areWords_andUpperCaseIsLowered() {
    assertThat(Tokens.of("Lucía ÑANDÚ")).containsExactly("lucía", "ñandú");
    assertThat(Tokens.of("naïve—café")).containsExactly("naïve", "café"); // an em dash separates
  }
}
