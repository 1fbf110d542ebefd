package io.carepulse.score;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What a customer's earlier calls say, handed to the core at call start (the shell fetches it; docs/score-model.md
 * "Care memory"): each ended call that started before this one, within the memory window, with how it ended. Plain
 * values, so a recovered or replayed call given the same history scores the same.
 */
public record CallerHistory(List<PriorCall> calls) {

  public static final CallerHistory NONE = new CallerHistory(List.of());

  /** A repeat contact: an earlier call this many days before this one, or fewer. */
  public static final long REPEAT_WINDOW_MS = 7L * 24 * 3600 * 1000;
  /** The start mood falls this much when the last call ended unresolved (its outcome said so). */
  public static final double UNRESOLVED_POINTS = 15;
  /** … this much when the last call ended low (final rolling score below {@link #LOW_SCORE}). */
  public static final double ENDED_LOW_POINTS = 8;
  public static final int LOW_SCORE = 40;
  /** … and this much per other call in the repeat window, at most {@link #MAX_REPEATS} of them. */
  public static final double REPEAT_POINTS = 5;
  public static final int MAX_REPEATS = 3;

  /**
   * One earlier call: {@code resolved} is its latest outcome's (null when none said), {@code topic} the
   * {@code metadata.topic} its call.start carried (null when none).
   */
  public record PriorCall(String callId, long startedAtMs, long endedAtMs, int score, int callScore, Boolean resolved,
                          String topic) {
  }

  public CallerHistory {
    calls = calls.stream().sorted(Comparator.comparingLong(PriorCall::startedAtMs)).toList();
  }

  public boolean isEmpty() {
    return calls.isEmpty();
  }

  /** The latest earlier call, or null. */
  public PriorCall last() {
    return calls.isEmpty() ? null : calls.get(calls.size() - 1);
  }

  /** Earlier calls that started within the repeat window before {@code nowMs}. */
  public int recentCalls(long nowMs) {
    return (int) calls.stream().filter(c -> nowMs - c.startedAtMs() <= REPEAT_WINDOW_MS).count();
  }

  /**
   * Where the customer's mood starts, from {@code prior} (the model's): lowered when the last call ended unresolved
   * or low, and for each repeat contact in the window besides the last.
   */
  public Start start(double prior, long nowMs) {
    PriorCall last = last();
    if (last == null) {
      return new Start(prior, false, null, null);
    }
    int recent = recentCalls(nowMs);
    boolean unresolved = Boolean.FALSE.equals(last.resolved());
    boolean endedLow = last.score() < LOW_SCORE;
    double mood = prior - (unresolved ? UNRESOLVED_POINTS : 0) - (endedLow ? ENDED_LOW_POINTS : 0)
        - REPEAT_POINTS * Math.min(MAX_REPEATS, Math.max(0, recent - 1));
    StringBuilder why = new StringBuilder(ordinal(calls.size() + 1)).append(" call");
    if (recent > 0) {
      why = new StringBuilder(ordinal(recent + 1)).append(" call in 7 days");
    }
    why.append("; last call ").append(last.callId());
    why.append(unresolved ? " ended unresolved" : endedLow ? " ended low (" + last.score() + ")"
        : Boolean.TRUE.equals(last.resolved()) ? " was resolved" : " ended at " + last.score());
    return new Start(Math.max(0, mood), unresolved, "Customer memory: " + why + ": their mood starts at "
        + Math.round(Math.max(0, mood)), context(recent, last, unresolved, endedLow));
  }

  /** The agent's one line at call start: "Third call this week about billing; last call ended unresolved." */
  private String context(int recent, PriorCall last, boolean unresolved, boolean endedLow) {
    StringBuilder line = new StringBuilder();
    int nth = (recent > 0 ? recent : calls.size()) + 1;
    line.append(capitalise(ordinal(nth))).append(" call").append(recent > 0 ? " this week" : "");
    if (last.topic() != null) {
      line.append(" about ").append(last.topic());
    }
    line.append("; last call ");
    line.append(unresolved ? "ended unresolved" : endedLow ? "ended badly"
        : Boolean.TRUE.equals(last.resolved()) ? "was resolved" : "ended without an outcome");
    return line.append('.').toString();
  }

  /** Where a remembered caller starts: the mood, whether an upset is still open, the reason and the agent's line. */
  public record Start(double mood, boolean unresolved, String reason, String context) {
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 1 -> "first";
      case 2 -> "second";
      case 3 -> "third";
      case 4 -> "fourth";
      case 5 -> "fifth";
      default -> n + "th";
    };
  }

  private static String capitalise(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
