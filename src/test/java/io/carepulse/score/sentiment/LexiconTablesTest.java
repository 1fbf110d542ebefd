package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tables a freshly built Lexicon hands the analyser (the analysers themselves are singletons,
 * built once): valences, boosters and dampeners, negations, swears, idioms, "kind of" bigrams, and
 * the contact-centre phrases by first word, longest first (docs/sentiment.md).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LexiconTablesTest {

  private static Lexicon vader;
  private static Lexicon standard;

  @BeforeAll
  static void build() {
    vader = Lexicon.vader();
    standard = Lexicon.withContactCentre();
  }

  private static int id(Lexicon lexicon, String word) {
    return lexicon.vocabulary.find(word);
  }

  @Test
  void valencesComeFromTheFiles_otherWordsAreNotLexical() {
    assertThat(vader.valence[id(vader, "good")]).isEqualTo(1.9);
    assertThat(vader.valence[id(vader, "problem")]).isEqualTo(-1.7);
    assertThat(standard.valence[id(standard, "problem")]).isEqualTo(-1.0);
    // "very" is known (a booster) but has no valence.
    assertThat(vader.valence[id(vader, "very")]).isNaN();
    assertThat(vader.vocabulary.find("zzzunknown")).isEqualTo(Vocabulary.ABSENT);
  }

  @Test
  void boostersAndDampenersHaveTheirSigns() {
    assertThat(vader.booster[id(vader, "very")]).isEqualTo(0.293);
    assertThat(vader.booster[id(vader, "slightly")]).isEqualTo(-0.293);
    assertThat(vader.booster[id(vader, "good")]).isZero();
    // "kind of" is a bigram dampener, not a one-word booster.
    assertThat(vader.booster[id(vader, "kind")]).isZero();
    assertThat(vader.boosterBigramWords.length).isEqualTo(vader.boosterBigramValues.length).isEqualTo(3); // just enough, kind of, sort of
    boolean kindOf = false;
    for (int b = 0; b < vader.boosterBigramWords.length; b++) {
      int[] w = vader.boosterBigramWords[b];
      if (w[0] == vader.kind && w[1] == vader.of) {
        kindOf = true;
        assertThat(vader.boosterBigramValues[b]).isEqualTo(-0.293);
      }
    }
    assertThat(kindOf).isTrue();
  }

  @Test
  void negationsAndSwearsAreMarked() {
    assertThat(vader.negation[id(vader, "never")]).isTrue();
    assertThat(vader.negation[id(vader, "without")]).isTrue();
    assertThat(vader.negation[id(vader, "good")]).isFalse();
    assertThat(vader.swear[id(vader, "bloody")]).isTrue();
    assertThat(vader.swear[id(vader, "bad")]).isFalse();
  }

  @Test
  void idiomsKeepTheirWordsAndValues() {
    boolean found = false;
    for (int c = 0; c < vader.specialCaseWords.length; c++) {
      int[] w = vader.specialCaseWords[c];
      if (w.length == 3 && w[0] == id(vader, "kiss") && w[1] == vader.of && w[2] == id(vader, "death")) {
        found = true;
        assertThat(vader.specialCaseValues[c]).isEqualTo(-1.5);
      }
    }
    assertThat(found).isTrue();
    assertThat(vader.specialCaseWords.length).isEqualTo(9);
  }

  @Test
  void onlyTheStandardLexiconHasPhrases_longestFirst() {
    assertThat(vader.contactCentre).isFalse();
    assertThat(vader.phrasesByFirstWord).isNull();
    assertThat(standard.contactCentre).isTrue();
    // "problem" starts "problem solved" (2.5); "i" starts many phrases of different lengths.
    Lexicon.Phrase[] problem = standard.phrasesByFirstWord[id(standard, "problem")];
    assertThat(problem).isNotNull();
    assertThat(problem).anySatisfy(p -> assertThat(p.valence()).isEqualTo(2.5));
    Lexicon.Phrase[] i = standard.phrasesByFirstWord[id(standard, "i")];
    assertThat(i.length).isGreaterThan(1);
    for (int k = 1; k < i.length; k++) {
      assertThat(i[k - 1].words().length).isGreaterThanOrEqualTo(i[k].words().length);
    }
    assertThat(i[0].words().length).isGreaterThan(i[i.length - 1].words().length);
    // A word that starts no phrase has no list.
    assertThat(standard.phrasesByFirstWord[id(standard, "good")]).isNull();
  }

  @Test
  void theRuleWordsHaveTheirIds() {
    for (Lexicon l : new Lexicon[] {vader, standard}) {
      assertThat(l.no).isEqualTo(id(l, "no"));
      assertThat(l.but).isEqualTo(id(l, "but"));
      assertThat(l.least).isEqualTo(id(l, "least"));
      assertThat(l.never).isEqualTo(id(l, "never"));
      assertThat(l.without).isEqualTo(id(l, "without"));
    }
  }
}
