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
  POSITIVE_RECOVERY;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PromptKind fromWire(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
