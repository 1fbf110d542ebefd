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

  /** What --outcomes recorded; false when any post failed. */
  static boolean printSurveys(List<SurveyResults.Posted> posted, PrintWriter out) {
    long ok = posted.stream().filter(SurveyResults.Posted::ok).count();
    out.println();
    out.printf(Locale.ROOT, "survey results posted: %d of %d (CSAT as each script says, else plausible for the "
        + "call score; source \"simulate\")%n", ok, posted.size());
    for (SurveyResults.Posted p : posted) {
      if (!p.ok()) {
        out.println("    " + p.callId() + ": not recorded: " + p.problem());
      }
    }
    out.flush();
    return ok == posted.size();
  }

  /**
   * The call ids this run used, and a copy-paste start on the REST API with one of them: the README's curl lines read
   * {@code $CALL_ID}.
   */
  static void printNextSteps(List<CallOutcome> outcomes, List<ReplayScript> scripts, String apiBase,
                             PrintWriter out) {
    out.println();
    out.println("call ids (history of each: GET " + apiBase + "/v1/calls/{callId}):");
    for (int i = 0; i < outcomes.size(); i++) {
      CallOutcome o = outcomes.get(i);
      ReplayScript script = scripts.get(i);
      String who = (script.agentId() == null ? "" : script.agentId()) + (script.teamId() == null ? "" : "@"
          + script.teamId());
      out.printf(Locale.ROOT, "  %-52s %-18s %s%n", o.callId(), who,
          o.completed() ? "call score " + figure(o.lastCallScore()) : "FAILED");
    }
    outcomes.stream().filter(CallOutcome::completed).findFirst().ifPresent(first -> {
      out.println();
      out.println("next, with the integrator token the service printed (README, \"Integrator REST API\"):");
      out.println("  export CALL_ID=" + first.callId());
      out.println("  curl -H \"Authorization: Bearer $CAREPULSE_INTEGRATOR_TOKEN\" " + apiBase + "/v1/calls/"
          + first.callId());
      out.println("  curl -X POST -H \"Authorization: Bearer $CAREPULSE_INTEGRATOR_TOKEN\" -H 'Idempotency-Key: "
          + "survey-1' -H 'Content-Type: application/json' -d '{\"csat\": 4, \"resolved\": true, \"source\": "
          + "\"post-call-survey\"}' " + apiBase + "/v1/calls/" + first.callId() + "/outcome");
    });
    out.flush();
  }

  private static String figure(int value) {
    return value < 0 ? "-" : Integer.toString(value);
  }
}
