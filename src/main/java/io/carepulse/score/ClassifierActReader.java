package io.carepulse.score;

import io.carepulse.acts.Act;
import io.carepulse.acts.ActModel;
import io.carepulse.acts.DialogueActs;
import io.carepulse.protocol.Speaker;
import java.util.List;

/**
 * The trained dialogue-act classifiers (io.carepulse.acts, docs/dialogue-acts.md) behind care-2's
 * {@link ActReader}: the one adapter between what the classifiers find and what the score reads. Acts map by their
 * wire name; the evidence is the classifier's own quote of the utterance's words that carried the act.
 */
public final class ClassifierActReader implements ActReader {

  private static final UtteranceAct[] BY_ACT = new UtteranceAct[Act.values().length];

  static {
    for (Act act : Act.values()) {
      BY_ACT[act.ordinal()] = UtteranceAct.fromWire(act.wire());
    }
  }

  private final ActModel model;
  private final double minProbability;

  public ClassifierActReader(ActModel model) {
    this(model, 0);
  }

  /** Keeps only the acts found with at least {@code minProbability}. */
  public ClassifierActReader(ActModel model, double minProbability) {
    this.model = model;
    this.minProbability = minProbability;
  }

  private static final class Standard {
    static final ClassifierActReader READER = new ClassifierActReader(ActModel.standard());
  }

  public static ClassifierActReader standard() {
    return Standard.READER;
  }

  @Override
  public String id() {
    return model.id();
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> tokens) {
    DialogueActs acts = model.classify(speaker, text);
    if (acts.none()) {
      return TurnActs.empty();
    }
    TurnActs.Builder builder = new TurnActs.Builder();
    for (Act act : acts.found()) {
      double p = acts.probability(act);
      if (p >= minProbability) {
        builder.add(BY_ACT[act.ordinal()], acts.quote(act), p);
      }
    }
    return builder.build();
  }
}
