package io.carepulse.alert;

import java.util.Locale;

/** Why an agent earned kudos. */
public enum KudosReason {
  /** The customer's mood went from clearly negative to positive and the call ended well above its low point. */
  STRONG_RECOVERY,
  /** The whole call scored in the top band. */
  TOP_BAND;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
