package io.carepulse.alert;

import io.carepulse.score.Trend;
import java.util.ArrayList;
import java.util.List;

/**
 * The "can still be saved" rank of a live call, 0–100, higher first: how much the call needs a supervisor times the
 * chance that help still changes its outcome. Alert count plays no part: one escalation on a call that is still going
 * outranks three stale alerts on a call that is wrapping up. docs/supervisor.md explains the weights.
 *
 * <pre>
 * need     = clamp(0.6·(100 − score) + trend + alert, 0, 100)
 *            trend: falling +15, steady 0, rising −10;  alert (worst open): critical +25, warning +12, info +4
 * engaged  = 1.0 if the customer spoke in the last 30 s of call time, 0.9 on hold (waiting on the line),
 *            0.7 within 90 s, else 0.4; halved when the customer is wrapping up
 * timeLeft = 0.4 + 0.6·max(0, 1 − callTime / typicalCall)
 * rank     = round(need · engaged · timeLeft)
 * </pre>
 */
public final class TriageRank {

  static final long RECENT_MS = 30_000;
  static final long A_WHILE_MS = 90_000;

  private TriageRank() {
  }

  /**
   * What triage looks at. {@code customerSpokeAtMs} is the call time of the customer's last final turn, or −1 if they
   * have not spoken; {@code worstAlert} is null when no alert is open.
   */
  public record Call(int score, Trend trend, long callTimeMs, long customerSpokeAtMs, boolean customerWrappingUp,
                     boolean onHold, Alert worstAlert) {
  }

  /** The rank and, for the person reading the row, why. */
  public record Triage(int rank, String reason) {
  }

  public static Triage of(Call call, AlertSettings settings) {
    List<String> why = new ArrayList<>();

    int trendTerm = switch (call.trend()) {
      case FALLING -> 15;
      case RISING -> -10;
      case STEADY -> 0;
    };
    why.add("score " + call.score() + (call.trend() == Trend.STEADY ? "" : ", " + call.trend().wire()));
    int alertTerm = 0;
    if (call.worstAlert() != null) {
      alertTerm = switch (call.worstAlert().severity()) {
        case CRITICAL -> 25;
        case WARNING -> 12;
        case INFO -> 4;
      };
      why.add(call.worstAlert().message());
    }
    double need = clamp(0.6 * (100 - call.score()) + trendTerm + alertTerm, 0, 100);

    double engaged;
    long quiet = call.customerSpokeAtMs() < 0 ? Long.MAX_VALUE : call.callTimeMs() - call.customerSpokeAtMs();
    if (call.onHold()) {
      engaged = 0.9;
      why.add("customer waiting on hold");
    } else if (quiet <= RECENT_MS) {
      engaged = 1.0;
      why.add(quiet < 1000 ? "customer engaged (spoke just now)"
          : "customer engaged (spoke " + AlertRules.seconds(quiet) + " ago)");
    } else if (quiet <= A_WHILE_MS) {
      engaged = 0.7;
      why.add("customer quiet for " + AlertRules.seconds(quiet));
    } else {
      engaged = 0.4;
      why.add(call.customerSpokeAtMs() < 0 ? "customer has not spoken yet" : "customer quiet for "
          + AlertRules.seconds(quiet));
    }
    if (call.customerWrappingUp()) {
      engaged /= 2;
      why.add("customer wrapping up");
    }

    double left = Math.max(0, 1 - (double) call.callTimeMs() / settings.typicalCallMs());
    double timeLeft = 0.4 + 0.6 * left;
    why.add(clock(call.callTimeMs()) + " into a typical " + clock(settings.typicalCallMs()));

    return new Triage((int) Math.round(need * engaged * timeLeft), String.join("; ", why));
  }

  private static double clamp(double value, double low, double high) {
    return Math.max(low, Math.min(high, value));
  }

  /** 83_000 → "1:23". Runs for every row a call publishes, so no Formatter (it was a third of the row's cost). */
  static String clock(long ms) {
    long seconds = ms / 1000;
    long rest = seconds % 60;
    // "%02d" pads with a zero only what is one digit wide; a negative remainder keeps its sign unpadded.
    return seconds / 60 + ":" + (rest >= 0 && rest < 10 ? "0" : "") + rest;
  }
}
