package io.carepulse.score.sentiment;

/**
 * Text-borne sentiment of one utterance.
 *
 * @param compound  VADER's normalised, weighted composite score in [-1, 1]
 * @param positive  proportion of the text's lexical weight that is positive, as VADER's {@code pos}
 * @param negative  proportion that is negative, as VADER's {@code neg}
 * @param neutral   proportion that is neutral, as VADER's {@code neu}
 * @param intensity text-borne arousal in [0, 1]: how emphatically the words are said (capitals,
 *                  exclamation marks, boosters, strongly valenced words, swearing), whatever their
 *                  direction. See docs/sentiment.md for the formula.
 */
public record Sentiment(double compound, double positive, double negative, double neutral, double intensity) {

  /** What an empty or blank utterance scores. */
  public static final Sentiment NEUTRAL = new Sentiment(0.0, 0.0, 0.0, 1.0, 0.0);
}
