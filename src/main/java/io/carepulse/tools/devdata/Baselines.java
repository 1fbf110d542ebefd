package io.carepulse.tools.devdata;

import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.ArrayList;
import java.util.List;

/**
 * The text-only baselines care-2 must beat, from the customer's turns alone: the mean VADER compound (the data
 * README's reference) and an LCA-style average (each turn −5..+5, neutral turns dropped, the call mean averaged
 * with the mean of its last quarter).
 */
final class Baselines {

  private static final SentimentAnalyzer VADER = SentimentAnalyzer.vaderOnly();

  private Baselines() {
  }

  static double vaderMean(List<String> customerTurns) {
    double sum = 0;
    for (String turn : customerTurns) {
      sum += VADER.analyze(turn).compound();
    }
    return customerTurns.isEmpty() ? 0 : sum / customerTurns.size();
  }

  static double lcaStyle(List<String> customerTurns) {
    List<Integer> scored = new ArrayList<>();
    for (String turn : customerTurns) {
      int value = (int) Math.round(5 * VADER.analyze(turn).compound());
      if (value != 0) {
        scored.add(value);
      }
    }
    if (scored.isEmpty()) {
      return 0;
    }
    int from = scored.size() - Math.max(1, scored.size() / 4);
    return (mean(scored, 0) + mean(scored, from)) / 2;
  }

  private static double mean(List<Integer> values, int from) {
    double sum = 0;
    for (int i = from; i < values.size(); i++) {
      sum += values.get(i);
    }
    return sum / (values.size() - from);
  }
}
