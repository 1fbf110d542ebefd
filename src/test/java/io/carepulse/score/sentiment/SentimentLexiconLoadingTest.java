package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Loading the lexicons (docs/sentiment.md "The contact-centre lexicon" and "Deviations"): comments and
 * blank lines are skipped, bad lines fail naming file and line, equal duplicates are fine, conflicting
 * ones are not, and VADER's own file keeps its reference quirks.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentLexiconLoadingTest {

  private static double normalise(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  @Test
  void contactCentreFileSkipsCommentsAndBlanks_splitsWordsFromPhrases() {
    Map<String, Double> words = new HashMap<>();
    List<Map.Entry<List<String>, Double>> phrases = new ArrayList<>();
    Lexicon.readContactCentre("/sentiment/valid-mixed.tsv", words, phrases);
    // One-word entries (several tabs allowed) replace or add words; everything else is a phrase.
    assertThat(words).containsOnly(entry("sorted", 1.5));
    // "speak to a manager" written twice with the same valence is one phrase, not an error.
    assertThat(phrases).containsExactlyInAnyOrder(
        Map.entry(List.of("fed", "up"), -2.0),
        Map.entry(List.of("speak", "to", "a", "manager"), -2.5),
        Map.entry(List.of("talk", "to", "a", "manager"), -2.5),
        Map.entry(List.of("best", "ever"), 4.0),
        Map.entry(List.of("worst", "ever"), -4.0));
  }

  @Test
  void aValenceThatIsNotANumberNamesTheLine() {
    assertThatThrownBy(() -> Lexicon.readContactCentre("/sentiment/not-a-number.tsv", new HashMap<>(), new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/sentiment/not-a-number.tsv:1")
        .hasMessageContaining("valence is not a number")
        .hasMessageContaining("very bad");
  }

  @Test
  void nanIsOutsideTheScale() {
    assertThatThrownBy(() -> Lexicon.readContactCentre("/sentiment/nan.tsv", new HashMap<>(), new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/sentiment/nan.tsv:1")
        .hasMessageContaining("outside VADER's -4..+4 scale");
  }

  @Test
  void conflictingDuplicatesNameBothLines() {
    // conflicting.tsv: line 2 "third time i have called" -2.0, line 3 "third time i've called" -1.0 expands to it.
    assertThatThrownBy(() -> Lexicon.readContactCentre("/sentiment/conflicting.tsv", new HashMap<>(), new ArrayList<>()))
        .hasMessageContaining("/sentiment/conflicting.tsv:3")
        .hasMessageContaining("'third time i have called' already has valence -2.0 from /sentiment/conflicting.tsv:2");
  }

  @Test
  void aMissingResourceIsNamed() {
    assertThatThrownBy(() -> Lexicon.readContactCentre("/sentiment/absent.tsv", new HashMap<>(), new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing from the classpath: /sentiment/absent.tsv");
  }

  @Test
  void spanishFileFoldsAccentsAndSplitsPhrases() {
    Map<List<String>, Double> entries = Lexicon.readSpanish("/sentiment/es-valid.tsv", SpanishSentiment::fold);
    assertThat(entries).containsOnly(
        entry(List.of("muy", "mal"), -2.0),
        entry(List.of("cancion"), 1.0),
        entry(List.of("bien"), 1.5));
  }

  @Test
  void spanishFileRejectsDuplicatesAndLinesWithoutTab() {
    // Unlike the contact-centre file, a Spanish duplicate is an error even with the same value.
    assertThatThrownBy(() -> Lexicon.readSpanish("/sentiment/es-duplicate.tsv", SpanishSentiment::fold))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/sentiment/es-duplicate.tsv:3")
        .hasMessageContaining("duplicate entry bien");
    assertThatThrownBy(() -> Lexicon.readSpanish("/sentiment/es-no-tab.tsv", SpanishSentiment::fold))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/sentiment/es-no-tab.tsv:1")
        .hasMessageContaining("expected word TAB valence");
  }

  @Test
  void vaderFileLaterDuplicatesWin_andUnreachableEntriesAreSkipped() {
    SentimentAnalyzer vader = SentimentAnalyzer.vaderOnly();
    // vader_lexicon.txt lists "lol" as 2.9 and later 1.8: Python's dict keeps the later.
    assertThat(vader.analyze("lol").compound()).isCloseTo(normalise(1.8), within(1e-12));
    // "fed up" has a space: the reference can never find it, so "fed up" is just two unknown words.
    assertThat(vader.analyze("fed up").compound()).isZero();
    // In the standard analyser the contact-centre phrase "fed up" does match.
    assertThat(SentimentAnalyzer.standard().analyze("fed up").compound()).isNegative();
  }

  @Test
  void theStandardLexiconOverridesVaderWords() {
    // docs: "problem" -1.7 -> -1.0 and "unacceptable" -2.0 -> -2.8 in the contact-centre lexicon.
    assertThat(SentimentAnalyzer.vaderOnly().analyze("problem").compound()).isCloseTo(normalise(-1.7), within(1e-12));
    assertThat(SentimentAnalyzer.standard().analyze("problem").compound()).isCloseTo(normalise(-1.0), within(1e-12));
    assertThat(SentimentAnalyzer.standard().analyze("unacceptable").compound())
        .isCloseTo(normalise(-2.8), within(1e-12));
  }

  @Test
  void lowerCaseFollowsTheTokeniserCharByChar() {
    assertThat(Lexicon.lowerCase("ÉTÉ Done")).isEqualTo("été done");
    assertThat(Lexicon.lowerCase("")).isEmpty();
  }
}
