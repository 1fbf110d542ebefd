package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contraction expansion as the lexicon file header documents it (n't → not, 've → have, 'm → am,
 * 're → are, 'll → will, 'd → would/had, 's → is/has; can't, won't, shan't, ain't irregular), and the
 * word-id table the tokeniser looks words up in.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PhraseVariantsAndVocabularyTest {

  @Test
  void irregularNegativesSpellOut() {
    assertThat(PhraseVariants.of("won't")).containsExactly(List.of("won't"), List.of("wont"), List.of("will", "not"));
    assertThat(PhraseVariants.of("shan't")).containsExactly(List.of("shan't"), List.of("shant"), List.of("shall", "not"));
    assertThat(PhraseVariants.of("ain't")).containsExactly(List.of("ain't"), List.of("aint"),
        List.of("is", "not"), List.of("am", "not"), List.of("are", "not"));
    assertThat(PhraseVariants.of("isn't")).containsExactly(List.of("isn't"), List.of("isnt"), List.of("is", "not"));
  }

  @Test
  void eachRegularContractionSpellsOut() {
    assertThat(PhraseVariants.of("you're")).containsExactly(List.of("you're"), List.of("youre"), List.of("you", "are"));
    assertThat(PhraseVariants.of("i'll")).containsExactly(List.of("i'll"), List.of("ill"), List.of("i", "will"));
    assertThat(PhraseVariants.of("i'm")).containsExactly(List.of("i'm"), List.of("im"), List.of("i", "am"));
    assertThat(PhraseVariants.of("i'd")).containsExactly(List.of("i'd"), List.of("id"),
        List.of("i", "would"), List.of("i", "had"));
    assertThat(PhraseVariants.of("that's")).containsExactly(List.of("that's"), List.of("thats"),
        List.of("that", "is"), List.of("that", "has"));
    assertThat(PhraseVariants.of("we've")).containsExactly(List.of("we've"), List.of("weve"), List.of("we", "have"));
  }

  @Test
  void anApostropheThatIsNoContractionOnlyLosesItsApostrophe() {
    assertThat(PhraseVariants.of("o'clock")).containsExactly(List.of("o'clock"), List.of("oclock"));
  }

  @Test
  void wordsWithoutApostrophesStayAsWritten_extraSpacesIgnored() {
    assertThat(PhraseVariants.of("  fed   up ")).containsExactly(List.of("fed", "up"));
  }

  @Test
  void anEmptyAlternativeIsATypo() {
    assertThatThrownBy(() -> PhraseVariants.of("speak||talk to a manager"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty alternative");
    assertThatThrownBy(() -> PhraseVariants.of("speak| to a manager")).as("a trailing bar is one too")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty alternative");
  }

  @Test
  void anEntryExpandingPastTheLimitIsRejected_exactlyTheLimitIsFine() {
    // 2^9 = 512 phrases: allowed. 2^10: a typo.
    String nine = "a|b ".repeat(9).strip();
    assertThat(PhraseVariants.of(nine)).hasSize(PhraseVariants.MAX_VARIANTS);
    String ten = "a|b ".repeat(10).strip();
    assertThatThrownBy(() -> PhraseVariants.of(ten))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than 512");
  }

  @Test
  void vocabularyGivesDenseStableIdsAndFindsSlices() {
    Vocabulary v = new Vocabulary();
    assertThat(v.intern("good")).isZero();
    assertThat(v.intern("bad")).isEqualTo(1);
    assertThat(v.intern("good")).isZero();
    assertThat(v.size()).isEqualTo(2);
    assertThat(v.find("bad")).isEqualTo(1);
    assertThat(v.find("ba")).isEqualTo(Vocabulary.ABSENT);
    assertThat(v.find("badly")).isEqualTo(Vocabulary.ABSENT);
    char[] buf = "xxbadgoodyy".toCharArray();
    assertThat(v.find(buf, 2, 3)).isEqualTo(1);
    assertThat(v.find(buf, 5, 4)).isZero();
    assertThat(v.find(buf, 2, 7)).isEqualTo(Vocabulary.ABSENT);
  }

  @Test
  void vocabularyKeepsEveryIdAcrossGrowth() {
    Vocabulary v = new Vocabulary();
    int n = 40_000; // well past the initial 16384 slots, so it grows at least twice
    for (int i = 0; i < n; i++) {
      assertThat(v.intern("w" + i)).isEqualTo(i);
    }
    assertThat(v.size()).isEqualTo(n);
    for (int i = 0; i < n; i++) {
      if (v.find("w" + i) != i) {
        throw new AssertionError("lost w" + i);
      }
      if (v.intern("w" + i) != i) {
        throw new AssertionError("re-interned w" + i);
      }
    }
    assertThat(v.find("w" + n)).isEqualTo(Vocabulary.ABSENT);
    assertThat(v.size()).isEqualTo(n);
  }
}
