package io.carepulse.score;

import java.util.Locale;

/** Which way the rolling score is heading over the recent past. */
public enum Trend {
  RISING, STEADY, FALLING;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
