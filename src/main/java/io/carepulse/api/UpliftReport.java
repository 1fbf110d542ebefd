package io.carepulse.api;

import io.carepulse.coach.Holdout;
import io.carepulse.stats.WelchComparison;
import io.carepulse.store.CallFacts;
import io.carepulse.store.CallState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Did the prompts pay? Compares the treated and control arms of the uplift experiment (docs/uplift.md) on callScore,
 * recovery rate and, where outcomes were posted, CSAT and resolution: treated minus control with Welch's 95% interval
 * and n per arm, overall and per team. Below {@link #MIN_PER_ARM} values in either arm it says so rather than
 * conclude. Pure: facts in, JSON out.
 */
final class UpliftReport {

  /**
   * Fewer values than this in an arm and the report does not conclude: the interval's normal approximation is poor
   * for rates, and one odd call moves a small arm's mean too far.
   */
  static final int MIN_PER_ARM = 30;

  /** One ended call of an experiment, as the report reads it. */
  record ArmCall(String teamId, Holdout.Arm arm, double callScore, Double recovered, Double csat, Double resolved) {
  }

  private UpliftReport() {
  }

  /** The ended calls in an experiment ({@code experiment} null: any) and the experiment ids seen. */
  static List<ArmCall> calls(List<CallFacts> facts, String experiment) {
    List<ArmCall> calls = new ArrayList<>();
    for (CallFacts fact : facts) {
      var call = fact.call();
      if (call.state() != CallState.ENDED || call.summary() == null || call.summary().holdout() == null
          || experiment != null && !experiment.equals(call.summary().holdout().experiment())) {
        continue;
      }
      var summary = call.summary();
      int low = summary.minScore();
      Double recovered = low <= LeadershipReport.DIP
          ? (summary.score() >= low + LeadershipReport.RECOVERY_POINTS ? 1.0 : 0.0) : null;
      var outcome = fact.outcome();
      Double csat = outcome == null || outcome.csat() == null ? null : outcome.csat().doubleValue();
      Double resolved = outcome == null || outcome.resolved() == null ? null : outcome.resolved() ? 1.0 : 0.0;
      calls.add(new ArmCall(call.teamId(), summary.holdout().arm(), summary.callScore(), recovered, csat, resolved));
    }
    return calls;
  }

  static JsonObject of(List<CallFacts> facts, String experiment) {
    TreeSet<String> experiments = new TreeSet<>();
    facts.stream().filter(f -> f.call().summary() != null && f.call().summary().holdout() != null)
        .forEach(f -> experiments.add(f.call().summary().holdout().experiment()));
    List<ArmCall> calls = calls(facts, experiment);
    Map<String, List<ArmCall>> byTeam = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    calls.forEach(call -> byTeam.computeIfAbsent(call.teamId(), k -> new ArrayList<>()).add(call));
    JsonArray teams = new JsonArray();
    byTeam.forEach((team, group) -> teams.add(group(group).put("teamId", team)));
    return new JsonObject()
        .put("experiment", experiment)
        .put("experiments", new JsonArray(List.copyOf(experiments)))
        .put("minPerArm", MIN_PER_ARM)
        .put("overall", group(calls))
        .put("teams", teams);
  }

  static JsonObject group(List<ArmCall> calls) {
    long control = calls.stream().filter(c -> c.arm() == Holdout.Arm.CONTROL).count();
    return new JsonObject()
        .put("calls", new JsonObject().put("treated", calls.size() - control).put("control", control))
        .put("callScore", compare(calls, ArmCall::callScore, "points", 1))
        .put("recoveryRate", compare(calls, ArmCall::recovered, "percentage points", 100))
        .put("csat", compare(calls, ArmCall::csat, "CSAT points", 1))
        .put("resolution", compare(calls, ArmCall::resolved, "percentage points", 100));
  }

  /** One measure: the arms' values where the measure exists, their difference, its interval and what it means. */
  static JsonObject compare(List<ArmCall> calls, Function<ArmCall, Double> measure, String unit, double scale) {
    double[] treated = values(calls, measure, Holdout.Arm.TREATED);
    double[] control = values(calls, measure, Holdout.Arm.CONTROL);
    WelchComparison welch = WelchComparison.of(treated, control);
    boolean enough = treated.length >= MIN_PER_ARM && control.length >= MIN_PER_ARM;
    String verdict;
    String note;
    if (!enough) {
      verdict = "too_few_calls";
      note = "too few calls to conclude: " + treated.length + " treated and " + control.length + " control; at least "
          + MIN_PER_ARM + " in each arm are needed";
    } else {
      double low = welch.ci95().low() * scale;
      double high = welch.ci95().high() * scale;
      String interval = String.format(java.util.Locale.ROOT, "95%% interval %+.1f to %+.1f %s", low, high, unit);
      if (welch.ci95().low() > 0) {
        verdict = "treated_higher";
      } else if (welch.ci95().high() < 0) {
        verdict = "treated_lower";
      } else {
        verdict = "no_clear_difference";
      }
      note = switch (verdict) {
        case "treated_higher" -> "coached calls are higher: " + interval;
        case "treated_lower" -> "coached calls are lower: " + interval;
        default -> "no clear difference: the " + interval + " includes 0";
      };
    }
    JsonArray ci = welch.ci95().defined()
        ? new JsonArray().add(ApiJson.number(welch.ci95().low())).add(ApiJson.number(welch.ci95().high())) : null;
    return new JsonObject()
        .put("treated", arm(treated.length, welch.treatedMean()))
        .put("control", arm(control.length, welch.controlMean()))
        .put("difference", ApiJson.number(welch.difference()))
        .put("ci95", ci)
        .put("verdict", verdict)
        .put("note", note);
  }

  private static JsonObject arm(int n, double mean) {
    return new JsonObject().put("n", n).put("mean", ApiJson.number(mean));
  }

  private static double[] values(List<ArmCall> calls, Function<ArmCall, Double> measure, Holdout.Arm arm) {
    return calls.stream().filter(c -> c.arm() == arm).map(measure).filter(java.util.Objects::nonNull)
        .mapToDouble(Double::doubleValue).toArray();
  }
}
