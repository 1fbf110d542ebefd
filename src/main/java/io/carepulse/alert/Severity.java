package io.carepulse.alert;

import java.util.Locale;

/** How urgently a supervisor should look; ordered from least to most urgent. */
public enum Severity {
  INFO, WARNING, CRITICAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
