package io.carepulse.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One line of the suite's table: what was measured ({@code label}), on which system, and the generator's result(s)
 * with the suite's readings. A row that cannot be measured yet says why; to add one, measure it the way (a) is
 * measured (a {@code steady} row against a server started with the extra configuration) and replace the pending row.
 */
record Row(String label, String system, Kind kind, List<JsonObject> results, String pendingReason) {

  enum Kind { STEADY, KNEE, IDLE, PENDING }

  static Row steady(String label, String system, JsonObject result) {
    return new Row(label, system, Kind.STEADY, List.of(result), null);
  }

  static Row knee(String label, String system, List<JsonObject> steps) {
    return new Row(label, system, Kind.KNEE, List.copyOf(steps), null);
  }

  static Row idle(String label, String system, JsonObject result) {
    return new Row(label, system, Kind.IDLE, List.of(result), null);
  }

  static Row pending(String label, String reason) {
    return new Row(label, "", Kind.PENDING, List.of(), reason);
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
        .put("results", new JsonArray(List.copyOf(results))).put("pending", pendingReason);
  }
}
