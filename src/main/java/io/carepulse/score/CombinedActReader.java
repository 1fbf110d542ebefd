package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.List;

/**
 * care-2's understanding as shipped: the trained classifiers read the agent (they survive the many ways people
 * deflect or commit), while a customer act counts when the phrase list finds it or the classifier is sure of it
 * (probability at least {@value #CUSTOMER_MIN_PROBABILITY}). Measured on USS MultiWOZ, the customer classifiers,
 * trained on contact-centre wording, find frustration, churn threats or sarcasm in one task-oriented request in
 * six at their own thresholds; customer signals are what must carry across domains, so there they must be sure.
 */
public final class CombinedActReader implements ActReader {

  static final double CUSTOMER_MIN_PROBABILITY = 0.9;

  private final ActReader agent;
  private final ActReader customerPhrases;
  private final ActReader customerClassifier;

  public CombinedActReader(ActReader agent, ActReader customerPhrases, ActReader customerClassifier) {
    this.agent = agent;
    this.customerPhrases = customerPhrases;
    this.customerClassifier = customerClassifier;
  }

  private static final class Standard {
    static final CombinedActReader READER = new CombinedActReader(ClassifierActReader.standard(),
        PhraseActReader.standard(), new ClassifierActReader(io.carepulse.acts.ActModel.standard(),
            CUSTOMER_MIN_PROBABILITY));
  }

  public static CombinedActReader standard() {
    return Standard.READER;
  }

  @Override
  public String id() {
    return agent.id() + "+" + customerPhrases.id();
  }

  @Override
  public TurnActs read(Speaker speaker, String text, List<String> tokens) {
    if (speaker == Speaker.AGENT) {
      return agent.read(speaker, text, tokens);
    }
    return TurnActs.either(customerPhrases.read(speaker, text, tokens),
        customerClassifier.read(speaker, text, tokens));
  }
}
