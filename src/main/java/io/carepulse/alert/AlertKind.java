package io.carepulse.alert;

import java.util.Locale;

/** What an alert is about; the wire name is the lower-case enum name. */
public enum AlertKind {
  LOW_SCORE(Severity.WARNING),
  SHARP_DROP(Severity.WARNING),
  ESCALATION_REQUEST(Severity.CRITICAL),
  CHURN_THREAT(Severity.CRITICAL),
  LONG_HOLD(Severity.WARNING),
  PROMPTS_IGNORED(Severity.INFO);

  private final Severity severity;

  AlertKind(Severity severity) {
    this.severity = severity;
  }

  /** Customers who ask for a manager or threaten to leave are the calls a supervisor joins; the rest can wait. */
  public Severity severity() {
    return severity;
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
