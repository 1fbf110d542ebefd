package io.carepulse.alert;

/**
 * A team's thresholds for supervisor attention: when alerts are raised and cleared, how triage weighs time, and when a
 * call earns kudos. All times are call time (ms since call start, from the frames). Team playbooks override
 * {@link #defaults()}; see docs/supervisor.md for where each default comes from.
 *
 * @param lowScore               {@code low_score}: the rolling score is below this ...
 * @param lowScoreForMs          ... for at least this long
 * @param clearMargin            a low score episode ends once the score is back at {@code lowScore + clearMargin}
 *                               (hysteresis, so a score hovering at the threshold does not flap)
 * @param sharpDropPoints        {@code sharp_drop}: the score fell at least this many points ...
 * @param sharpDropWindowMs      ... below its highest value of this window
 * @param customerQuietMs        {@code escalation_request} / {@code churn_threat} end after this long without another
 *                               such customer turn
 * @param longHoldMs             {@code long_hold}: one hold lasts at least this long
 * @param promptsIgnored         {@code prompts_ignored}: this many prompts dismissed (or marked unhelpful) ...
 * @param promptsIgnoredWindowMs ... within this window while the score falls
 * @param typicalCallMs          triage: how long a typical call of the team lasts
 * @param topBandScore           kudos {@code top_band}: the call score at the end is at least this
 * @param recoveryPoints         kudos {@code strong_recovery}: the score at the end is at least this far above the
 *                               call's lowest score
 * @param kudosMinTurns          kudos need at least this many final utterances (a 20-second call earns none)
 */
public record AlertSettings(int lowScore, long lowScoreForMs, int clearMargin, int sharpDropPoints,
                            long sharpDropWindowMs, long customerQuietMs, long longHoldMs, int promptsIgnored,
                            long promptsIgnoredWindowMs, long typicalCallMs, int topBandScore, int recoveryPoints,
                            int kudosMinTurns) {

  public AlertSettings {
    require(lowScore >= 1 && lowScore <= 100, "lowScore must be 1..100");
    require(lowScoreForMs >= 0, "lowScoreForMs must not be negative");
    require(clearMargin >= 0 && clearMargin <= 50, "clearMargin must be 0..50");
    require(sharpDropPoints >= 1 && sharpDropPoints <= 100, "sharpDropPoints must be 1..100");
    require(sharpDropWindowMs >= 1000, "sharpDropWindowMs must be at least 1000");
    require(customerQuietMs >= 1000, "customerQuietMs must be at least 1000");
    require(longHoldMs >= 1000, "longHoldMs must be at least 1000");
    require(promptsIgnored >= 1, "promptsIgnored must be at least 1");
    require(promptsIgnoredWindowMs >= 1000, "promptsIgnoredWindowMs must be at least 1000");
    require(typicalCallMs >= 10_000, "typicalCallMs must be at least 10000");
    require(topBandScore >= 1 && topBandScore <= 100, "topBandScore must be 1..100");
    require(recoveryPoints >= 1 && recoveryPoints <= 100, "recoveryPoints must be 1..100");
    require(kudosMinTurns >= 0, "kudosMinTurns must not be negative");
  }

  /**
   * Defaults, fitted to model care-1, whose scores sit close to its prior (57 with no evidence): across the scenario
   * calls in src/test/resources/scenarios a call in real trouble (two deflections, a churn threat) falls to 37–44 and
   * the best calls end at 65–76. So: a low score is below 45 for 20 s (about two exchanges); a sharp drop is 15 points
   * inside 30 s (the first angry customer turn alone costs ~10, which is not news for a supervisor); a hold past 60 s;
   * a typical support call lasts ~6 minutes; the top band starts at 70; a strong recovery regains 20 points.
   */
  /** These settings with the thresholds a team playbook may set replaced. */
  public AlertSettings withThresholds(int lowScore, long lowScoreForMs, int sharpDropPoints, long sharpDropWindowMs,
                                      long longHoldMs, int promptsIgnored) {
    return new AlertSettings(lowScore, lowScoreForMs, clearMargin, sharpDropPoints, sharpDropWindowMs,
        customerQuietMs, longHoldMs, promptsIgnored, promptsIgnoredWindowMs, typicalCallMs, topBandScore,
        recoveryPoints, kudosMinTurns);
  }

  public static AlertSettings defaults() {
    return new AlertSettings(45, 20_000, 5, 15, 30_000, 60_000, 60_000, 2, 120_000, 360_000, 70, 20, 6);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
