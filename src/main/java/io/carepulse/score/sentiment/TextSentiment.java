package io.carepulse.score.sentiment;

/** Reads the sentiment of one utterance in one language: VADER's for English, {@link SpanishSentiment} for Spanish. */
public interface TextSentiment {

  Sentiment analyze(String text);
}
