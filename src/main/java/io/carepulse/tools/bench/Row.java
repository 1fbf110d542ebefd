package io.carepulse.tools.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One line of the suite's table: what was measured ({@code label}), on which system, and the generator's result(s)
 * with the suite's readings. A {@code variant} is an (a) row's load with something added (PostgreSQL persistence,
 * supervisors attached), shown beside that (a) row. A row that could not be measured says why ({@code skipped}).
 */
record Row(String label, String system, Kind kind, List<JsonObject> results, String skippedReason) {

  enum Kind { STEADY, KNEE, IDLE, VARIANT, SKIPPED }

  static Row steady(String label, String system, JsonObject result) {
    return new Row(label, system, Kind.STEADY, List.of(result), null);
  }

  static Row knee(String label, String system, List<JsonObject> steps) {
    return new Row(label, system, Kind.KNEE, List.copyOf(steps), null);
  }

  static Row idle(String label, String system, JsonObject result) {
    return new Row(label, system, Kind.IDLE, List.of(result), null);
  }

  /** The steady load of the (a) row with as many calls, plus what {@code system} names. */
  static Row variant(String label, String system, JsonObject result) {
    return new Row(label, system, Kind.VARIANT, List.of(result), null);
  }

  /** A variant that could not be measured, and why (it is printed in its place, the suite goes on). */
  static Row skipped(String label, int calls, String reason) {
    return new Row(label, "", Kind.SKIPPED, List.of(new JsonObject().put("calls", calls)), reason);
  }

  int calls() {
    return results.isEmpty() ? 0 : results.get(0).getInteger("calls", 0);
  }

  JsonObject result() {
    return results.get(0);
  }

  /** A step holds the knee criterion: p99 under the limit, nothing lost, and the generator kept its schedule. */
  static boolean withinKnee(JsonObject step) {
    return step.getJsonObject("ack").getDouble("p99") < SuiteCommand.KNEE_P99_MILLIS
        && step.getLong("errors") == 0 && step.getLong("unanswered") == 0
        && step.getDouble("sentPerSec") >= 0.97 * step.getDouble("targetPerSec");
  }

  /** The last step within the knee before the first one that is not, or null when even the first is not. */
  JsonObject kneeStep() {
    JsonObject knee = null;
    for (JsonObject step : results) {
      if (!withinKnee(step)) {
        break;
      }
      knee = step;
    }
    return knee;
  }

  /** The first step past the knee, or null when every step held. */
  JsonObject pastKnee() {
    for (JsonObject step : results) {
      if (!withinKnee(step)) {
        return step;
      }
    }
    return null;
  }

  JsonObject toJson() {
    return new JsonObject().put("label", label).put("system", system).put("kind", kind.name().toLowerCase())
        .put("results", new JsonArray(List.copyOf(results))).put("skipped", skippedReason);
  }
}
