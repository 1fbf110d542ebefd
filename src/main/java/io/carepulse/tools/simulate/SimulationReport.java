package io.carepulse.tools.simulate;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The per-call summary printed when a simulation ends. */
public final class SimulationReport {

  private SimulationReport() {
  }

  public static boolean allCompleted(List<CallOutcome> outcomes) {
    return outcomes.stream().allMatch(CallOutcome::completed);
  }

  public static void print(List<CallOutcome> outcomes, PrintWriter out) {
    out.println();
    out.printf(Locale.ROOT, "%-26s %-9s %9s %6s %6s %9s %7s %6s  %s%n", "call", "status", "acked", "scores",
        "final", "callScore", "resends", "secs", "prompts");
    for (CallOutcome o : outcomes) {
      out.printf(Locale.ROOT, "%-26s %-9s %9s %6d %6s %9s %7d %6.1f  %s%n", o.label(),
          o.completed() ? "completed" : "FAILED", o.acked() + "/" + o.frames(), o.scores(), figure(o.lastScore()),
          figure(o.lastCallScore()), o.resends(), o.elapsedMs() / 1000.0,
          o.promptKinds().isEmpty() ? "-" : String.join(",", o.promptKinds()));
      if (!o.completed()) {
        out.println("    " + o.callId() + ": " + o.failure());
      }
    }
    long completed = outcomes.stream().filter(CallOutcome::completed).count();
    out.printf(Locale.ROOT, "%d calls: %d completed, %d failed%n", outcomes.size(), completed,
        outcomes.size() - completed);
    out.flush();
  }

  private static String figure(int value) {
    return value < 0 ? "-" : Integer.toString(value);
  }
}
