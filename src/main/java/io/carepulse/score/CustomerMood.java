package io.carepulse.score;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.score.sentiment.Sentiment;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.List;

/**
 * The emotion part: valence and arousal of customer speech. Text sentiment decides valence; arousal blends the
 * text's intensity with loudness and pitch measured against the customer's own running baseline (people differ
 * in how loud and high they speak, so only departures from their own normal mean arousal). External estimates
 * blend in by confidence. A partial utterance gives a provisional value that its final replaces.
 */
final class CustomerMood {

  private final SentimentAnalyzer analyzer;
  private final double neutralBand;
  private final double neutralWeight;
  private final double arousalBase;
  private final double arousalGain;
  private final double acousticWeight;
  private final double externalWeight;
  private final double externalDefaultConfidence;
  private final double partialWeight;
  private final double escalationValence;

  private final RunningBaseline loudness = new RunningBaseline();
  private final RunningBaseline pitch = new RunningBaseline();
  private double acousticArousalSum;
  private int acousticArousalCount;
  private Evidence provisional;

  CustomerMood(ScoringModel model, SentimentAnalyzer analyzer) {
    this.analyzer = analyzer;
    neutralBand = model.number("emotion.neutralBand");
    neutralWeight = model.number("emotion.neutralWeight");
    arousalBase = model.number("emotion.arousalBase");
    arousalGain = model.number("emotion.arousalGain");
    acousticWeight = model.number("emotion.acousticWeight");
    externalWeight = model.number("emotion.externalWeight");
    externalDefaultConfidence = model.number("emotion.externalDefaultConfidence");
    partialWeight = model.number("emotion.partialWeight");
    escalationValence = model.number("emotion.escalationValence");
  }

  /** What a customer turn's words say: valence (pulled down when the customer escalates or threatens to leave). */
  Sentiment read(String text, boolean escalatesOrThreatens) {
    Sentiment sentiment = analyzer.analyze(text);
    if (!escalatesOrThreatens || sentiment.compound() <= escalationValence) {
      return sentiment;
    }
    return new Sentiment(escalationValence, sentiment.positive(), sentiment.negative(), sentiment.neutral(),
        sentiment.intensity());
  }

  /** A final customer turn: replaces any provisional value and adds the turn as emotion evidence. */
  void finalTurn(Turn turn, Sentiment sentiment, Observations out) {
    provisional = null;
    double arousal = arousal(sentiment.intensity());
    acousticArousalSum = 0;
    acousticArousalCount = 0;
    double weight = Math.abs(turn.valence()) < neutralBand ? neutralWeight : 1.0;
    out.evidence(Part.EMOTION, value(turn.valence(), arousal), weight, rule(turn.valence()), turn.ref(),
        describe(turn.valence(), arousal));
  }

  /** A partial customer utterance: a provisional value, shown until the final decides. */
  void partial(String text, String ref) {
    Sentiment sentiment = analyzer.analyze(text);
    double value = value(sentiment.compound(), arousal(sentiment.intensity()));
    provisional = new Evidence(Part.EMOTION, value, partialWeight, "provisional_mood", List.of(ref),
        "Customer is still speaking: provisional mood");
  }

  Evidence provisional() {
    return provisional;
  }

  /** Customer audio: updates the personal baseline and the arousal of the turn in progress. */
  void acoustic(Acoustic frame) {
    double z = 0;
    int features = 0;
    if (frame.rmsDb() != null) {
      z += loudness.zScoreThenAdd(frame.rmsDb());
      features++;
    }
    if (frame.pitchHz() != null && frame.pitchHz() > 0) {
      z += pitch.zScoreThenAdd(frame.pitchHz());
      features++;
    }
    if (features > 0 && loudness.count() >= 3) {
      acousticArousalSum += logistic(z / features);
      acousticArousalCount++;
    }
  }

  void external(EmotionEstimate estimate, String ref, Observations out) {
    double confidence = estimate.confidence() == null ? externalDefaultConfidence : estimate.confidence();
    double weight = externalWeight * confidence;
    if (weight <= 0) {
      return;
    }
    out.evidence(Part.EMOTION, value(estimate.valence(), estimate.arousal()), weight, "external_emotion", ref,
        "Emotion engine " + estimate.source() + " estimated valence " + round2(estimate.valence()));
  }

  private double arousal(double textIntensity) {
    if (acousticArousalCount == 0) {
      return clamp01(textIntensity);
    }
    double acoustic = acousticArousalSum / acousticArousalCount;
    return clamp01((1 - acousticWeight) * textIntensity + acousticWeight * acoustic);
  }

  /** Maps valence to 0–100; anger (negative and aroused) weighs more than quiet disappointment. */
  private double value(double valence, double arousal) {
    double factor = valence < 0 ? arousalBase + arousalGain * arousal : 1.0;
    return 50 + 50 * Math.max(-1, Math.min(1, valence * factor));
  }

  private String rule(double valence) {
    if (valence <= -neutralBand) {
      return "customer_negative";
    }
    return valence >= neutralBand ? "customer_positive" : "customer_neutral";
  }

  private static String describe(double valence, double arousal) {
    int tone = valence <= -0.5 ? 0 : valence < -0.05 ? 1 : valence >= 0.5 ? 4 : valence > 0.05 ? 3 : 2;
    return DESCRIPTIONS[tone][arousal >= 0.6 ? 1 : 0];
  }

  /** Every customer turn gets one of these; built once rather than concatenated per turn. */
  private static final String[][] DESCRIPTIONS = descriptions();

  private static String[][] descriptions() {
    String[] tones = {"very negative", "negative", "neutral", "positive", "very positive"};
    String[][] texts = new String[tones.length][];
    for (int i = 0; i < tones.length; i++) {
      texts[i] = new String[] {"Customer sounded " + tones[i], "Customer sounded " + tones[i] + ", agitated"};
    }
    return texts;
  }

  private static double logistic(double z) {
    return 1.0 / (1.0 + Math.exp(-(z - 0.5) * 1.5));
  }

  private static double clamp01(double value) {
    return Math.max(0, Math.min(1, value));
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
