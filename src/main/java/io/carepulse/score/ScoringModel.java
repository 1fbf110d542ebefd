package io.carepulse.score;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The versioned model: its identifier, part weights and priors, and every threshold the detectors use, read from
 * one properties resource (model/care-1.properties). Detectors read what they need once, when a call starts.
 */
public final class ScoringModel {

  /** The model a new service scores with: care-2 (docs/score-model.md). */
  public static final String STANDARD_RESOURCE = "/model/care-2.properties";
  public static final String CARE_1_RESOURCE = "/model/care-1.properties";
  public static final String PHRASES_RESOURCE = "/model/phrases.txt";
  /** Scorer generations ({@code model.scorer}); a file without one is care-1, as every file was before care-2. */
  public static final String CARE_1 = "care-1";
  /** The one setting outside {@code model.*} that is text: the languages customer emotion is read in. */
  static final String TEXT_SETTING_LOCALES = "emotion.locales";
  public static final String CARE_2 = "care-2";

  private final String id;
  private final String scorer;
  private final Map<String, String> texts;
  private final Map<String, Double> numbers;
  private final Map<Part, Double> weights = new EnumMap<>(Part.class);
  private final Map<Part, Double> priors = new EnumMap<>(Part.class);
  private final PhraseBook phrases;

  private ScoringModel(String id, Map<String, String> texts, Map<String, Double> numbers, PhraseBook phrases) {
    this.id = id;
    this.texts = texts;
    this.scorer = texts.getOrDefault("model.scorer", CARE_1);
    this.numbers = numbers;
    this.phrases = phrases;
    if (!scorer.equals(CARE_1) && !scorer.equals(CARE_2)) {
      throw new IllegalArgumentException("model " + id + ": model.scorer must be " + CARE_1 + " or " + CARE_2
          + ", not " + scorer);
    }
    for (Part part : Part.values()) {
      double weight = scorer.equals(CARE_1) ? number("weight." + part.wire()) : 0;
      if (weight < 0) {
        throw new IllegalArgumentException("weight." + part.wire() + " must not be negative");
      }
      weights.put(part, weight);
      priors.put(part, number("prior." + part.wire()));
    }
  }

  private static final class Shipped {
    static final ScoringModel CARE_2_MODEL = fromResources(STANDARD_RESOURCE, PHRASES_RESOURCE);
    static final ScoringModel CARE_1_MODEL = fromResources(CARE_1_RESOURCE, PHRASES_RESOURCE);
  }

  /** The model shipped in the jar for new calls (care-2); loaded once. */
  public static ScoringModel standard() {
    return Shipped.CARE_2_MODEL;
  }

  /** care-1 exactly as it shipped, for comparison and for replaying calls scored with it. */
  public static ScoringModel care1() {
    return Shipped.CARE_1_MODEL;
  }

  /** A shipped model by id ({@code care-1}, {@code care-2}; none means the standard one). */
  public static ScoringModel named(String id) {
    if (id == null || id.isBlank() || id.equals(CARE_2)) {
      return standard();
    }
    if (id.equals(CARE_1)) {
      return care1();
    }
    throw new IllegalArgumentException("no model " + id + ": neither a shipped model id (" + CARE_1 + ", " + CARE_2
        + ") nor a model file");
  }

  /** A fitted model (a model file's settings, read by the shell), validated now so a bad file fails at start. */
  public static ScoringModel fitted(Properties properties) {
    return fromProperties(properties, PhraseBook.fromResource(PHRASES_RESOURCE)).validate();
  }

  /** Builds one scorer and checks every setting it reads is present and sane; throws naming what is wrong. */
  public ScoringModel validate() {
    Scorer.create("validate", this, io.carepulse.score.sentiment.SentimentAnalyzer.standard());
    if (scorer.equals(CARE_2)) {
      ScoreBlend.of(this);
      ScoreBlend.wholeCall(this);
    }
    return this;
  }

  public static ScoringModel fromResources(String propertiesResource, String phrasesResource) {
    Properties properties = new Properties();
    try (InputStream in = ScoringModel.class.getResourceAsStream(propertiesResource)) {
      if (in == null) {
        throw new IllegalArgumentException("model not found on the classpath: " + propertiesResource);
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fromProperties(properties, PhraseBook.fromResource(phrasesResource));
  }

  public static ScoringModel fromProperties(Properties properties, PhraseBook phrases) {
    String id = properties.getProperty("model.id");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("model.id is missing");
    }
    Map<String, Double> numbers = new TreeMap<>();
    Map<String, String> texts = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("model.") || key.equals(TEXT_SETTING_LOCALES)) {
        texts.put(key, properties.getProperty(key).trim());
        continue;
      }
      String raw = properties.getProperty(key).trim();
      try {
        numbers.put(key, Double.parseDouble(raw));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("model setting " + key + " is not a number: " + raw);
      }
    }
    return new ScoringModel(id, texts, numbers, phrases);
  }


  public String id() {
    return id;
  }

  /** The scorer generation: {@link #CARE_1} or {@link #CARE_2}. */
  public String scorer() {
    return scorer;
  }

  /** A text setting ({@code model.*}), or {@code fallback} when the file has none. */
  public String text(String key, String fallback) {
    return texts.getOrDefault(key, fallback);
  }

  public boolean has(String key) {
    return numbers.containsKey(key);
  }

  /** A number, or {@code fallback} when the file has none. */
  public double number(String key, double fallback) {
    Double value = numbers.get(key);
    return value == null ? fallback : value;
  }

  public double number(String key) {
    Double value = numbers.get(key);
    if (value == null) {
      throw new IllegalArgumentException("model " + id + " has no setting " + key);
    }
    return value;
  }

  public long millis(String key) {
    return Math.round(number(key));
  }

  public double weight(Part part) {
    return weights.get(part);
  }

  public double prior(Part part) {
    return priors.get(part);
  }

  public PhraseBook phrases() {
    return phrases;
  }
}
