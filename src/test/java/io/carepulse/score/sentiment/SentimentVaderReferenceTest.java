package io.carepulse.score.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The port against the reference implementation's published output: the "Output for the above
 * example code" block of cjhutto/vaderSentiment README.rst. The emoji example is left out (no
 * emoji lexicon here).
 *
 * <p>Only compound is compared for every sentence. The README's pos/neu for "At least it isn't a
 * horrible book." (0.363/0.637) come from an older tokeniser that dropped one-letter words such
 * as "a"; the current reference code, which this port follows, keeps them and gives 0.322/0.678.
 * Compound does not depend on the neutral count, so it still matches.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentimentVaderReferenceTest {

  private static final double TOLERANCE = 0.001;

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      VADER is smart, handsome, and funny.                                                 |  0.8316
      VADER is smart, handsome, and funny!                                                 |  0.8439
      VADER is very smart, handsome, and funny.                                            |  0.8545
      VADER is VERY SMART, handsome, and FUNNY.                                            |  0.9227
      VADER is VERY SMART, handsome, and FUNNY!!!                                          |  0.9342
      VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!                             |  0.9469
      VADER is not smart, handsome, nor funny.                                             | -0.7424
      The book was good.                                                                   |  0.4404
      At least it isn't a horrible book.                                                   |  0.431
      The book was only kind of good.                                                      |  0.3832
      The plot was good, but the characters are uncompelling and the dialog is not great.  | -0.7042
      Today SUX!                                                                           | -0.5461
      Today only kinda sux! But I'll get by, lol                                           |  0.5249
      Make sure you :) or :D today!                                                        |  0.8633
      Not bad at all                                                                       |  0.431
      """)
  void reproducesTheReadmeCompoundScores(String sentence, double compound) {
    assertThat(SentimentAnalyzer.vaderOnly().analyze(sentence).compound()).isCloseTo(compound, within(TOLERANCE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      VADER is smart, handsome, and funny.                     | 0.746 | 0.0   | 0.254
      VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!! | 0.706 | 0.0   | 0.294
      VADER is not smart, handsome, nor funny.                 | 0.0   | 0.646 | 0.354
      The plot was good, but the characters are uncompelling and the dialog is not great. | 0.094 | 0.327 | 0.579
      Today only kinda sux! But I'll get by, lol               | 0.317 | 0.127 | 0.556
      Not bad at all                                           | 0.487 | 0.0   | 0.513
      """)
  void reproducesTheReadmeProportions(String sentence, double pos, double neg, double neu) {
    Sentiment s = SentimentAnalyzer.vaderOnly().analyze(sentence);
    assertThat(s.positive()).isCloseTo(pos, within(TOLERANCE));
    assertThat(s.negative()).isCloseTo(neg, within(TOLERANCE));
    assertThat(s.neutral()).isCloseTo(neu, within(TOLERANCE));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      VADER is very smart, handsome, and funny.
      The plot was good, but the characters are uncompelling and the dialog is not great.
      Today only kinda sux! But I'll get by, lol
      Make sure you :) or :D today!
      """)
  void contactCentreLexiconLeavesGeneralTextAlone(String sentence) {
    assertThat(SentimentAnalyzer.standard().analyze(sentence).compound())
        .isCloseTo(SentimentAnalyzer.vaderOnly().analyze(sentence).compound(), within(1e-12));
  }
}
