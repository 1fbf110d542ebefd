package io.carepulse.score;

import io.carepulse.protocol.Speaker;
import java.util.Locale;

/**
 * What an utterance does in the conversation, as care-2 reads it: the act vocabulary of the labelled development
 * data (src/devdata/README.md). Agent acts describe behaviour, never the agent's emotion; customer acts describe
 * what the customer signals. {@link #wire()} is the name in the labelled data and in act models.
 */
public enum UtteranceAct {
  EMPATHY(Speaker.AGENT),
  APOLOGY(Speaker.AGENT),
  COMMITMENT(Speaker.AGENT),
  NEXT_STEP(Speaker.AGENT),
  DEFLECTION(Speaker.AGENT),
  BAD_NEWS(Speaker.AGENT),
  ALTERNATIVE(Speaker.AGENT),
  CHECK_IN(Speaker.AGENT),
  QUESTION(Speaker.AGENT),
  BACKCHANNEL(Speaker.AGENT),
  COURTESY(Speaker.AGENT),
  REASSURANCE(Speaker.AGENT),
  HOLLOW_SYMPATHY(Speaker.AGENT),

  FRUSTRATION(Speaker.CUSTOMER),
  ANXIETY(Speaker.CUSTOMER),
  RESIGNATION(Speaker.CUSTOMER),
  SARCASM(Speaker.CUSTOMER),
  REPEAT_CONTACT(Speaker.CUSTOMER),
  ESCALATION(Speaker.CUSTOMER),
  CHURN_THREAT(Speaker.CUSTOMER),
  GRATITUDE(Speaker.CUSTOMER),
  RELIEF(Speaker.CUSTOMER),
  CONFUSION(Speaker.CUSTOMER),
  UNHEARD(Speaker.CUSTOMER),
  ASKS_NEXT(Speaker.CUSTOMER),
  /**
   * The customer says the call turned things round for them: credits the agent ("you've really helped") or looks
   * back on how they felt ("I was ready to close the account when I rang"). care-2's own act, not in the labelled
   * utterances: it marks the moment a coach praises the agent.
   */
  TURNAROUND(Speaker.CUSTOMER),
  /** The agent offers to end the call ("is there anything else?"). care-2's own act, like {@link #TURNAROUND}. */
  OFFERS_TO_CLOSE(Speaker.AGENT);

  private static final UtteranceAct[] ALL = values();

  private final Speaker speaker;

  UtteranceAct(Speaker speaker) {
    this.speaker = speaker;
  }

  public Speaker speaker() {
    return speaker;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static UtteranceAct fromWire(String name) {
    String key = name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (UtteranceAct act : ALL) {
      if (act.name().equals(key)) {
        return act;
      }
    }
    throw new IllegalArgumentException("unknown dialogue act: " + name);
  }

  /** An act of the labelled utterances' vocabulary; care-2's own acts (turnaround, offers_to_close) are not. */
  public boolean labelled() {
    return this != TURNAROUND && this != OFFERS_TO_CLOSE;
  }

  /** A customer act that says the customer is unhappy with the service. */
  public boolean negativeCustomerAct() {
    return switch (this) {
      case FRUSTRATION, ANXIETY, RESIGNATION, SARCASM, REPEAT_CONTACT, ESCALATION, CHURN_THREAT, UNHEARD -> true;
      default -> false;
    };
  }
}
