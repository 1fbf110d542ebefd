package io.carepulse.score;

import io.carepulse.acts.ActModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The act readers a model can name in {@code model.acts}: {@code phrases} (model/care-2-acts.txt), a shipped trained
 * model alone ({@code acts-1}, {@code acts-2}), {@code acts-N+phrases} (the classifier for the agent; for the
 * customer the phrases or the classifier when it is sure, {@link CombinedActReader}) and {@code acts-N+fallback} (the
 * classifier for both speakers, the phrases only for a turn in which it finds nothing, {@link FallbackActReader}) and
 * {@code acts-N+agent} (the classifier reads the agent, the phrases alone the customer: agent wording varies most,
 * and the customer's signals must carry to domains the classifier was not trained on) and {@code acts-N+union}
 * (care-2's: the agent read by the phrases and the classifier when it is sure, {@link UnionActReader}).
 */
public final class ActReaders {

  public static final String PHRASES = "phrases";
  public static final String ACTS_1 = "acts-1";
  public static final String ACTS_1_AND_PHRASES = "acts-1+phrases";
  /** care-2's reader: acts-2 for both speakers, the phrase list where it finds nothing. */
  public static final String ACTS_2_WITH_FALLBACK = "acts-2+fallback";

  /** Adds nothing: with it, a combined reader reads the customer by the phrase list alone. */
  private static final ActReader NO_CUSTOMER_ACTS = new ActReader() {
    @Override
    public String id() {
      return "none";
    }

    @Override
    public TurnActs read(io.carepulse.protocol.Speaker speaker, String text, java.util.List<String> tokens) {
      return TurnActs.empty();
    }
  };

  private static final Map<String, ActReader> READERS = new ConcurrentHashMap<>();

  private ActReaders() {
  }

  public static ActReader named(String name) {
    if (name.equals(PHRASES)) {
      return PhraseActReader.standard();
    }
    return READERS.computeIfAbsent(name, ActReaders::build);
  }

  private static ActReader build(String name) {
    String[] parts = name.split("\\+", 2);
    ActModel model;
    try {
      model = ActModel.shipped(parts[0]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown act reader " + name + " (model.acts): known: " + PHRASES
          + ", acts-1, acts-2, acts-N+phrases, acts-N+fallback, acts-N+agent, acts-N+union", e);
    }
    ClassifierActReader classifier = new ClassifierActReader(model);
    if (parts.length == 1) {
      return classifier;
    }
    return switch (parts[1]) {
      case "phrases" -> new CombinedActReader(classifier, PhraseActReader.standard(),
          new ClassifierActReader(model, CombinedActReader.CUSTOMER_MIN_PROBABILITY));
      case "fallback" -> new FallbackActReader(classifier, PhraseActReader.standard());
      case "agent" -> new CombinedActReader(classifier, PhraseActReader.standard(), NO_CUSTOMER_ACTS);
      case "union" -> UnionActReader.of(model);
      default -> throw new IllegalArgumentException("unknown act reader " + name + " (model.acts): known: " + PHRASES
          + ", acts-1, acts-2, acts-N+phrases, acts-N+fallback, acts-N+agent, acts-N+union");
    };
  }
}
