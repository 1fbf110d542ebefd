package io.carepulse.acts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The normaliser's edges: the first and last letter and digit of each range, numbers with separators, ordinals,
 * "ill" after the words that make it an adjective, and the hashes and source spans the classifier and the evidence
 * quotes are built from.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NormaliserEdgesTest {

  @Test
  void theEndsOfEachCharacterRange_areWordCharacters() {
    assertThat(Normaliser.tokens("a")).containsExactly("a");
    assertThat(Normaliser.tokens("z")).containsExactly("z");
    assertThat(Normaliser.tokens("A Z")).containsExactly("a", "z");
    assertThat(Normaliser.tokens("0")).containsExactly("#num");
    assertThat(Normaliser.tokens("9")).containsExactly("#num");
    assertThat(Normaliser.tokens("ÉTÉ")).containsExactly("été");
  }

  @Test
  void punctuationSeparatesWords_unlessItSitsBetweenTwoDigits() {
    assertThat(Normaliser.tokens("hello, world.again")).containsExactly("hello", "world", "again");
    assertThat(Normaliser.tokens(",5 dollars")).containsExactly("#num", "dollars");
    assertThat(Normaliser.tokens("at 5,")).containsExactly("at", "#num");
    assertThat(Normaliser.tokens("the 1, then a")).containsExactly("the", "one", "then", "a");
    // one word when the point joins the digits, so the suffix makes it an ordinal; two words would be "#num second"
    assertThat(Normaliser.tokens("0.2nd")).containsExactly("#ord");
    assertThat(Normaliser.tokens("9.2nd")).containsExactly("#ord");
    assertThat(Normaliser.tokens("a.2nd")).containsExactly("a", "second");
  }

  @Test
  void aWordOfOnlyApostrophes_isSkippedWithoutLosingTheNextWord() {
    assertThat(Normaliser.tokens("' ok")).containsExactly("okay");
    assertThat(Normaliser.tokens("'' `")).isEmpty();
  }

  @Test
  void ordinals_firstAndSecondSpelledOut_othersOneToken_andOtherSuffixesAreNumbers() {
    assertThat(Normaliser.tokens("1st")).containsExactly("first");
    assertThat(Normaliser.tokens("2nd")).containsExactly("second");
    assertThat(Normaliser.tokens("3rd")).containsExactly("#ord");
    assertThat(Normaliser.tokens("4th")).containsExactly("#ord");
    assertThat(Normaliser.tokens("10th")).containsExactly("#ord");
    assertThat(Normaliser.tokens("19th")).containsExactly("#ord");
    assertThat(Normaliser.tokens("21st")).containsExactly("#ord");
    assertThat(Normaliser.tokens("22nd")).containsExactly("#ord");
    for (String notOrdinal : new String[] {"5pm", "5sq", "5nm", "5rs", "5ta", "a1st", "12ab"}) {
      assertThat(Normaliser.tokens(notOrdinal)).as(notOrdinal).containsExactly("#num");
    }
    assertThat(Normaliser.tokens("7")).containsExactly("#num");
    assertThat(Normaliser.tokens("11")).containsExactly("#num");
  }

  @Test
  void ill_isTheAdjectiveOnlyAfterAWordThatMakesItOne() {
    assertThat(Normaliser.tokens("ill call you")).containsExactly("i", "will", "call", "you");
    assertThat(Normaliser.tokens("then ill call")).containsExactly("then", "i", "will", "call");
    assertThat(Normaliser.tokens("she felt ill")).containsExactly("she", "felt", "ill");
    assertThat(Normaliser.tokens("he looked ill")).containsExactly("he", "looked", "ill");
    assertThat(Normaliser.tokens("so i'll ring")).containsExactly("so", "i", "will", "ring");
  }

  @Test
  void tokenHashes_areFnv1aOfTheTokenText_includingExpandedAndReplacedTokens() {
    assertThat(Normaliser.hash("a".toCharArray(), 0, 1)).isEqualTo(-468965076);
    assertThat(Normaliser.hash("xhellox".toCharArray(), 1, 5)).isEqualTo(1335831723);
    TokenStream stream = new TokenStream();
    Normaliser.normalise("Hello ill call you 3 times, the 2nd and 4th, ok", stream);
    assertThat(stream.size).isEqualTo(12);
    for (int i = 0; i < stream.size; i++) {
      char[] token = stream.token(i).toCharArray();
      assertThat(stream.hash[i]).as("hash of token %d '%s'", i, stream.token(i))
          .isEqualTo(Normaliser.hash(token, 0, token.length));
    }
    assertThat(stream.hash[1]).isEqualTo(-334744124);
    assertThat(stream.hash[2]).isEqualTo(269512077);
    assertThat(stream.hash[5]).isEqualTo(-2047841894);
  }

  @Test
  void aFalseStart_isSaidOnce_andItsTokenSpansBothWords() {
    TokenStream stream = new TokenStream();
    Normaliser.normalise("i i can", stream);
    assertThat(stream.size).isEqualTo(2);
    assertThat(new int[] {stream.from[0], stream.to[0]}).containsExactly(0, 3);
    assertThat(new int[] {stream.from[1], stream.to[1]}).containsExactly(4, 7);

    Normaliser.normalise("so i can i can help", stream);
    assertThat(stream.size).isEqualTo(4);
    assertThat(new int[] {stream.from[2], stream.to[2]}).as("'can' spans to the repeated 'can'").containsExactly(5, 14);
    assertThat(new int[] {stream.from[1], stream.to[1]}).as("'i' keeps its own span").containsExactly(3, 4);
  }
}
