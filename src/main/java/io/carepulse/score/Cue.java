package io.carepulse.score;

import java.util.Locale;

/**
 * A family of phrases the model listens for. Agent cues describe behaviour (never the agent's emotion);
 * customer cues describe what the customer asks for or signals.
 */
public enum Cue {
  /** Agent acknowledges the customer's feelings. */
  EMPATHY,
  /** Agent commits in the first person to act. */
  COMMITMENT,
  /** Agent tells the customer a concrete next step or outcome. */
  NEXT_STEP,
  /** Agent pushes the problem away. */
  DEFLECTION,
  /** Agent's short listening sounds. */
  BACKCHANNEL,
  /** Agent courtesy. */
  COURTESY,
  /** Agent dismissive language. */
  DISMISSIVE,
  /** Agent checks in during a hold or silence. */
  CHECK_IN,
  /** Customer asks for a manager or supervisor. */
  ESCALATION,
  /** Customer threatens to leave. */
  CHURN_THREAT,
  /** Customer did not understand. */
  CONFUSION,
  /** Customer asks what happens next. */
  ASKS_NEXT,
  /** Customer thanks the agent. */
  GRATITUDE;

  public static Cue fromSection(String section) {
    return valueOf(section.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
