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

  public static final String STANDARD_RESOURCE = "/model/care-1.properties";
  public static final String PHRASES_RESOURCE = "/model/phrases.txt";

  private final String id;
  private final Map<String, Double> numbers;
  private final Map<Part, Double> weights = new EnumMap<>(Part.class);
  private final Map<Part, Double> priors = new EnumMap<>(Part.class);
  private final PhraseBook phrases;

  private ScoringModel(String id, Map<String, Double> numbers, PhraseBook phrases) {
    this.id = id;
    this.numbers = numbers;
    this.phrases = phrases;
    for (Part part : Part.values()) {
      double weight = number("weight." + part.wire());
      if (weight < 0) {
        throw new IllegalArgumentException("weight." + part.wire() + " must not be negative");
      }
      weights.put(part, weight);
      priors.put(part, number("prior." + part.wire()));
    }
  }

  private static volatile ScoringModel standard;

  /** The model shipped in the jar; loaded once. */
  public static ScoringModel standard() {
    ScoringModel model = standard;
    if (model == null) {
      model = fromResources(STANDARD_RESOURCE, PHRASES_RESOURCE);
      standard = model;
    }
    return model;
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
    for (String key : properties.stringPropertyNames()) {
      if (key.equals("model.id")) {
        continue;
      }
      String raw = properties.getProperty(key).trim();
      try {
        numbers.put(key, Double.parseDouble(raw));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("model setting " + key + " is not a number: " + raw);
      }
    }
    return new ScoringModel(id, numbers, phrases);
  }


  public String id() {
    return id;
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
