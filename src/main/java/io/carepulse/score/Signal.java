package io.carepulse.score;

/**
 * Something the detectors noticed that coaching (and, later, supervisor alerts) may act on.
 * {@code amountMs} carries a duration where one applies (silence, hold), else 0.
 */
public record Signal(Kind kind, long seq, long atMs, long amountMs) {

  public enum Kind {
    CUSTOMER_NEGATIVE,
    CUSTOMER_ESCALATION,
    CUSTOMER_CHURN_THREAT,
    CUSTOMER_CONFUSED,
    CUSTOMER_ASKS_NEXT,
    CUSTOMER_WRAPPING_UP,
    CUSTOMER_RECOVERED,
    MISSED_ACKNOWLEDGEMENT,
    EMPATHY_SHOWN,
    COMMITMENT_MADE,
    NEXT_STEP_GIVEN,
    DEFLECTION,
    INTERRUPTION,
    MONOLOGUE,
    FAST_SPEECH,
    DEAD_AIR,
    LONG_HOLD,
    CHECKED_IN,
    VOICE,
    NAME_USED,
    AGENT_TURN,
    /** care-2: sympathy again with no action since (hollow or sympathy without action). */
    SYMPATHY_WITHOUT_ACTION,
    /** care-2: the agent said what cannot be done and offered nothing instead. */
    BAD_NEWS_NO_ALTERNATIVE,
    /** care-2: the agent offers to close ("is there anything else I can help with?"). */
    AGENT_CLOSING
  }
}
