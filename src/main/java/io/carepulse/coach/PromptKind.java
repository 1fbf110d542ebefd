package io.carepulse.coach;

import java.util.Locale;

/** The coaching prompts an agent can receive. */
public enum PromptKind {
  ACKNOWLEDGE_FEELINGS,
  TAKE_OWNERSHIP,
  LET_THEM_FINISH,
  CHECK_IN,
  SLOW_DOWN,
  USE_NAME,
  NEXT_STEPS,
  EMPATHY_WITHOUT_ACTION,
  POSITIVE_RECOVERY,
  /** At call start, what the customer's earlier calls say (care memory); never for a caller without history. */
  CUSTOMER_CONTEXT;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PromptKind fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
