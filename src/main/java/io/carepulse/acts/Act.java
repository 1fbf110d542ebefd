package io.carepulse.acts;

import io.carepulse.protocol.Speaker;
import java.util.Locale;

/**
 * What an utterance does in the conversation. Agent acts describe behaviour (never the agent's emotion); customer
 * acts describe what the customer signals. The definitions are those the labelled data follows
 * (src/devdata/README.md); {@link #wire()} is the name used there and in the model file.
 */
public enum Act {
  /** Acknowledges the customer's feelings or situation, specifically. */
  EMPATHY(Speaker.AGENT),
  /** Apologises. */
  APOLOGY(Speaker.AGENT),
  /** Takes ownership: commits to act personally. */
  COMMITMENT(Speaker.AGENT),
  /** Says concretely what happens next, usually with a time or channel. */
  NEXT_STEP(Speaker.AGENT),
  /** Deflects, blames, hides behind policy or the system, sends the customer elsewhere. */
  DEFLECTION(Speaker.AGENT),
  /** Says something cannot be done or went wrong. */
  BAD_NEWS(Speaker.AGENT),
  /** Offers another way, a workaround or a partial remedy. */
  ALTERNATIVE(Speaker.AGENT),
  /** Checks in during a wait or hold. */
  CHECK_IN(Speaker.AGENT),
  /** Asks the customer something. */
  QUESTION(Speaker.AGENT),
  /** A short listening token. */
  BACKCHANNEL(Speaker.AGENT),
  /** Greets, thanks, closes, offers more help. */
  COURTESY(Speaker.AGENT),
  /** Reassures with substance. */
  REASSURANCE(Speaker.AGENT),
  /** A stock sympathy formula with no substance. */
  HOLLOW_SYMPATHY(Speaker.AGENT),

  /** Is annoyed, angry or fed up. */
  FRUSTRATION(Speaker.CUSTOMER),
  /** Is worried, scared or stressed. */
  ANXIETY(Speaker.CUSTOMER),
  /** Has given up or expects nothing. */
  RESIGNATION(Speaker.CUSTOMER),
  /** Says the opposite of what they mean. */
  SARCASM(Speaker.CUSTOMER),
  /** Has called or written about this before. */
  REPEAT_CONTACT(Speaker.CUSTOMER),
  /** Asks for a manager, a complaint, or threatens outside action. */
  ESCALATION(Speaker.CUSTOMER),
  /** Threatens to cancel, leave or switch. */
  CHURN_THREAT(Speaker.CUSTOMER),
  /** Thanks sincerely or praises. */
  GRATITUDE(Speaker.CUSTOMER),
  /** Is satisfied or relieved that something is resolved. */
  RELIEF(Speaker.CUSTOMER),
  /** Does not understand. */
  CONFUSION(Speaker.CUSTOMER),
  /** Feels unheard, has to repeat, or says they were misunderstood. */
  UNHEARD(Speaker.CUSTOMER),
  /** Asks what happens next or how long. */
  ASKS_NEXT(Speaker.CUSTOMER);

  private static final Act[] ALL = values();

  private final Speaker speaker;

  Act(Speaker speaker) {
    this.speaker = speaker;
  }

  /** Whose utterances can do this. */
  public Speaker speaker() {
    return speaker;
  }

  /** The name in the labelled data and the model file: {@code next_step}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The act named {@code name} in the labelled data or a model file, e.g. {@code hollow_sympathy}. */
  public static Act fromWire(String name) {
    for (Act act : ALL) {
      if (act.wire().equals(name)) {
        return act;
      }
    }
    throw new IllegalArgumentException("unknown dialogue act: " + name);
  }

  /** The acts of one speaker, in declaration order. */
  public static Act[] of(Speaker speaker) {
    int n = 0;
    for (Act act : ALL) {
      if (act.speaker == speaker) {
        n++;
      }
    }
    Act[] acts = new Act[n];
    int i = 0;
    for (Act act : ALL) {
      if (act.speaker == speaker) {
        acts[i++] = act;
      }
    }
    return acts;
  }
}
