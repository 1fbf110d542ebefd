package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contact-centre lexicon file: its format, its expansion and that every entry matches. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentLexiconFileTest {

  private static double normalise(double x) {
    return x / Math.sqrt(x * x + 15);
  }

  @Test
  void everyExpandedEntryMatchesAsOneLexicalItem() {
    Map<String, Double> words = new HashMap<>();
    List<Map.Entry<List<String>, Double>> phrases = new ArrayList<>();
    Lexicon.readContactCentre(Lexicon.CONTACT_CENTRE_RESOURCE, words, phrases);
    assertThat(phrases).hasSizeGreaterThan(300);
    SentimentAnalyzer standard = SentimentAnalyzer.standard();
    for (var phrase : phrases) {
      String text = String.join(" ", phrase.getKey());
      assertThat(standard.analyze(text).compound()).as(text).isCloseTo(normalise(phrase.getValue()), within(1e-12));
    }
    words.forEach((word, value) ->
        assertThat(standard.analyze(word).compound()).as(word).isCloseTo(normalise(value), within(1e-12)));
  }

  @Test
  void alternativesAndContractionsExpand() {
    assertThat(PhraseVariants.of("speak|talk to a|the manager")).containsExactly(
        List.of("speak", "to", "a", "manager"), List.of("speak", "to", "the", "manager"),
        List.of("talk", "to", "a", "manager"), List.of("talk", "to", "the", "manager"));
    assertThat(PhraseVariants.of("i've been waiting")).containsExactly(
        List.of("i've", "been", "waiting"), List.of("ive", "been", "waiting"), List.of("i", "have", "been", "waiting"));
    assertThat(PhraseVariants.of("can't")).containsExactlyInAnyOrder(
        List.of("can't"), List.of("cant"), List.of("can", "not"), List.of("cannot"));
  }

  @ParameterizedTest
  @CsvSource({
      "/sentiment/conflicting.tsv, already has valence",
      "/sentiment/out-of-range.tsv, outside VADER's -4..+4 scale",
      "/sentiment/upper-case.tsv, lower case",
      "/sentiment/no-tab.tsv, expected 'phrase<TAB>valence'",
  })
  void malformedFilesFailFastWithTheLine(String resource, String message) {
    assertThatThrownBy(() -> Lexicon.readContactCentre(resource, new HashMap<>(), new ArrayList<>()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(resource + ":")
        .hasMessageContaining(message);
  }
}
