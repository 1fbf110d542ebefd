package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.List;

/**
 * care-2's reader ({@code acts-N+union}): the agent is read by the phrase list and the trained classifier together,
 * an act counting when the list finds it or the classifier is sure of it (probability at least
 * {@value #AGENT_MIN_PROBABILITY}); where both find an act, the phrase's words are its evidence. The list keeps the
 * readings the coaching rules were written against, the classifier adds the wording no list anticipated (it reads the
 * held-out utterances' agent acts better than the list: docs/dialogue-acts.md, "care-2's readers"). The customer is
 * read by the phrase list alone: the customer's signals must carry to domains the classifier was not trained on.
 */
public final class UnionActReader implements ActReader {

  /** Chosen on the dev calls (0.7, 0.8, 0.85, 0.9, 0.95 measured): the fewest unexpected prompts, recall kept. */
  static final double AGENT_MIN_PROBABILITY = 0.9;

  private final ActReader phrases;
  private final ActReader classifier;

  /** {@code classifier} should keep only the acts it is sure of: see {@link #AGENT_MIN_PROBABILITY}. */
  public UnionActReader(ActReader phrases, ActReader classifier) {
    this.phrases = phrases;
    this.classifier = classifier;
  }

  public static UnionActReader of(io.carepulse.acts.ActModel model) {
    return new UnionActReader(PhraseActReader.standard(), new ClassifierActReader(model, AGENT_MIN_PROBABILITY));
  }

  @Override
  public String id() {
    return classifier.id() + "+union";
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> tokens) {
    TurnActs listed = phrases.read(speaker, text, tokens);
    if (speaker != Speaker.AGENT) {
      return listed;
    }
    return TurnActs.either(listed, classifier.read(speaker, text, tokens));
  }
}
