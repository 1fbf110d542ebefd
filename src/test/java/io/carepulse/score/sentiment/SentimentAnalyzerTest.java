package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentAnalyzerTest {

  private static final List<String> UTTERANCES = List.of(
      "I've been on hold for forty minutes and nobody can tell me why my card was declined",
      "Thank you so much, you've been really helpful and I appreciate you sorting this out",
      "This is the THIRD time I've called about this and it is still not working!!!",
      "ok",
      "Make sure you :) or :D today!",
      "The plot was good, but the characters are uncompelling and the dialog is not great.");

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "   \t\n ", "\u00a0\u2003"})
  void nullOrBlankIsNeutral(String text) {
    assertThat(SentimentAnalyzer.standard().analyze(text)).isEqualTo(new Sentiment(0, 0, 0, 1, 0));
    assertThat(SentimentAnalyzer.vaderOnly().analyze(text)).isEqualTo(Sentiment.NEUTRAL);
  }

  @Test
  void punctuationOnlyIsNeutralInDirection() {
    Sentiment s = SentimentAnalyzer.standard().analyze("... ?");
    assertThat(s.compound()).isZero();
    assertThat(s.neutral()).isEqualTo(1.0);
  }

  @Test
  void sameTextAlwaysScoresTheSame() {
    SentimentAnalyzer analyzer = SentimentAnalyzer.standard();
    for (String text : UTTERANCES) {
      Sentiment first = analyzer.analyze(text);
      for (int i = 0; i < 100; i++) {
        analyzer.analyze(UTTERANCES.get(i % UTTERANCES.size()));
        assertThat(analyzer.analyze(text)).isEqualTo(first);
      }
    }
  }

  @Test
  void analysersAreSharedSingletons() {
    assertThat(SentimentAnalyzer.standard()).isSameAs(SentimentAnalyzer.standard());
    assertThat(SentimentAnalyzer.vaderOnly()).isSameAs(SentimentAnalyzer.vaderOnly());
    assertThat(SentimentAnalyzer.standard()).isNotSameAs(SentimentAnalyzer.vaderOnly());
  }

  @Test
  void concurrentCallersGetTheSameScoresAsOneCaller() throws Exception {
    SentimentAnalyzer analyzer = SentimentAnalyzer.standard();
    List<Sentiment> expected = UTTERANCES.stream().map(analyzer::analyze).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = pool.invokeAll(java.util.Collections.nCopies(8, () -> {
        for (int i = 0; i < 5_000; i++) {
          int k = i % UTTERANCES.size();
          if (!analyzer.analyze(UTTERANCES.get(k)).equals(expected.get(k))) {
            return false;
          }
        }
        return true;
      }));
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void scoresStayInTheirRanges() {
    String longRant = "NO NO NO this is the WORST, most HORRIBLE, DISGUSTING service!!!!! ".repeat(50);
    for (String text : List.of(longRant, UTTERANCES.get(0), UTTERANCES.get(1), UTTERANCES.get(2))) {
      for (SentimentAnalyzer analyzer : List.of(SentimentAnalyzer.standard(), SentimentAnalyzer.vaderOnly())) {
        Sentiment s = analyzer.analyze(text);
        assertThat(s.compound()).isBetween(-1.0, 1.0);
        assertThat(s.intensity()).isBetween(0.0, 1.0);
        assertThat(s.positive()).isBetween(0.0, 1.0);
        assertThat(s.negative()).isBetween(0.0, 1.0);
        assertThat(s.neutral()).isBetween(0.0, 1.0);
        assertThat(s.positive() + s.negative() + s.neutral()).isCloseTo(1.0, within(1e-9));
      }
    }
  }

  @Test
  void aLongTextAfterShortOnesIsScoredWhole() {
    SentimentAnalyzer analyzer = SentimentAnalyzer.vaderOnly();
    analyzer.analyze("good");
    String longText = "good ".repeat(3000) + "bad";
    Sentiment s = analyzer.analyze(longText);
    assertThat(s.compound()).isGreaterThan(0.99);
    assertThat(s.negative()).isGreaterThan(0.0);
  }
}
