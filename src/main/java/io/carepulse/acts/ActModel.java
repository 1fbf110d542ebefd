package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Dialogue-act classifiers for both speakers: normalised text, hashed n-gram features, one linear one-vs-rest
 * classifier per speaker with a decision threshold per act (docs/dialogue-acts.md). Immutable and thread-safe;
 * {@link #classify} is deterministic (no clock, no randomness, weights summed as integers) and allocates only its
 * result.
 *
 * <pre>{@code
 * ActModel model = ActModel.standard();
 * DialogueActs acts = model.classify(Speaker.AGENT, "honestly that's one for the billing people, not us");
 * acts.has(Act.DEFLECTION);          // true
 * acts.probability(Act.DEFLECTION);  // 0.68
 * acts.evidence(Act.DEFLECTION);     // ["honestly that's", "billing", "not us"]
 * }</pre>
 */
public final class ActModel {

  /** The shipped model, trained by {@code devdata train-acts}. */
  public static final String STANDARD_RESOURCE = "/model/acts-1.model";

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final String id;
  private final FeatureSet features;
  private final SpeakerClassifier agent;
  private final SpeakerClassifier customer;

  private static final class Scratch {
    final TokenStream tokens = new TokenStream();
    final FeatureBuffer features = new FeatureBuffer();
    float[] share = new float[64];

    float[] share(int tokens) {
      if (share.length < tokens) {
        share = new float[Math.max(tokens, share.length * 2)];
      }
      return share;
    }
  }

  private static final class Standard {
    static final ActModel MODEL = fromResource(STANDARD_RESOURCE);
  }

  private ActModel(String id, FeatureSet features, ActWeights agent, ActWeights customer) {
    if (agent.speaker() != Speaker.AGENT || customer.speaker() != Speaker.CUSTOMER) {
      throw new IllegalArgumentException("an act model needs agent and customer weights, in that order");
    }
    this.id = id;
    this.features = features;
    this.agent = new SpeakerClassifier(agent);
    this.customer = new SpeakerClassifier(customer);
  }

  public static ActModel of(String id, FeatureSet features, ActWeights agent, ActWeights customer) {
    return new ActModel(id, features, agent, customer);
  }

  /** Reads a model file (format in {@link ActModelFile}); the stream is read to its end, not closed. */
  public static ActModel load(InputStream in) throws IOException {
    return ActModelFile.read(in);
  }

  /** The shipped model, loaded once. */
  public static ActModel standard() {
    return Standard.MODEL;
  }

  private static final java.util.Map<String, ActModel> SHIPPED = new java.util.concurrent.ConcurrentHashMap<>();

  /** A model shipped as {@code /model/<id>.model} (acts-1, acts-2), loaded once. */
  public static ActModel shipped(String id) {
    if (!id.matches("acts-[0-9]+")) {
      throw new IllegalArgumentException("not a shipped act model id: " + id);
    }
    return SHIPPED.computeIfAbsent(id, k -> k.equals("acts-1") ? standard() : fromResource("/model/" + k + ".model"));
  }

  public static ActModel fromResource(String resource) {
    try (InputStream in = ActModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("act model not found on the classpath: " + resource);
      }
      return load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    }
  }

  public String id() {
    return id;
  }

  public FeatureSet features() {
    return features;
  }

  /** The acts this model classifies for {@code speaker}, in model order. */
  public List<Act> acts(Speaker speaker) {
    return List.of(classifier(speaker).acts);
  }

  /** The probability at or above which {@code act} is found. */
  public double threshold(Act act) {
    SpeakerClassifier c = classifier(act.speaker());
    int i = c.source.index(act);
    return i < 0 ? 1 : c.source.threshold()[i];
  }

  public ActWeights weights(Speaker speaker) {
    return classifier(speaker).source;
  }

  /** What the utterance does. {@code text} may be written or speech-recognition text; null counts as empty. */
  public DialogueActs classify(Speaker speaker, String text) {
    SpeakerClassifier c = classifier(speaker);
    Scratch s = SCRATCH.get();
    Normaliser.normalise(text, s.tokens);
    features.extract(s.tokens, s.features);
    int[] logits = c.score(s.features);
    long found = c.found(logits);
    int[] evidence = found == 0 ? null : c.evidence(found, s.features, s.tokens, s.share(s.tokens.size));
    return DialogueActs.of(c, text == null ? "" : text, logits, found, evidence);
  }

  private SpeakerClassifier classifier(Speaker speaker) {
    return speaker == Speaker.AGENT ? agent : customer;
  }
}
