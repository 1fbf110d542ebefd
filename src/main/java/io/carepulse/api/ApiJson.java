package io.carepulse.api;

import io.carepulse.engine.CallSummary;
import io.carepulse.score.Reason;
import io.carepulse.store.AlertRecord;
import io.carepulse.store.CallRecord;
import io.carepulse.store.KudosRecord;
import io.carepulse.store.OutcomeRecord;
import io.carepulse.store.ScorePoint;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The REST representations of stored things, as the contract's schemas define them. */
final class ApiJson {

  private ApiJson() {
  }

  static String time(Instant at) {
    return at == null ? null : at.toString();
  }

  static JsonObject callSummary(CallRecord call) {
    return new JsonObject()
        .put("callId", call.callId())
        .put("agentId", call.agentId())
        .put("teamId", call.teamId())
        .put("customer", new JsonObject().put("id", call.customerId()).put("name", call.customerName()))
        .put("state", call.state().wire())
        .put("startedAt", time(call.startedAt()))
        .put("endedAt", time(call.endedAt()))
        .put("endReason", call.endReason())
        .put("lastSeq", call.lastSeq())
        .put("score", call.score())
        .put("callScore", call.callScore());
  }

  static JsonObject summary(CallSummary summary) {
    if (summary == null) {
      return null;
    }
    JsonObject json = ServerMessages.summary(summary);
    json.remove("type");
    json.remove("callId");
    return json;
  }

  static JsonObject scorePoint(ScorePoint point) {
    JsonArray reasons = new JsonArray();
    for (Reason reason : point.reasons()) {
      reasons.add(new JsonObject()
          .put("rule", reason.rule())
          .put("part", reason.part().wire())
          .put("delta", Math.round(reason.delta() * 100.0) / 100.0)
          .put("frames", new JsonArray(reason.frames()))
          .put("text", reason.text()));
    }
    JsonObject json = new JsonObject()
        .put("seq", point.seq())
        .put("callTimeMs", point.callTimeMs())
        .put("at", time(point.at()))
        .put("score", point.score())
        .put("callScore", point.callScore())
        .put("parts", ServerMessages.parts(point.parts()))
        .put("trend", point.trend().wire())
        .put("reasons", reasons);
    if (point.customer() != null) {
      json.put("customer", ServerMessages.customerTurn(point.customer()));
    }
    return json;
  }

  static JsonObject alert(AlertRecord alert) {
    return new JsonObject()
        .put("alertId", alert.alertId())
        .put("kind", alert.kind())
        .put("severity", alert.severity())
        .put("message", alert.message())
        .put("seq", alert.seq())
        .put("callTimeMs", alert.callTimeMs())
        .put("raisedAt", time(alert.raisedAt()))
        .put("clearedAt", time(alert.clearedAt()));
  }

  static JsonObject kudos(KudosRecord kudos) {
    return new JsonObject()
        .put("kudosId", kudos.kudosId())
        .put("reason", kudos.reason())
        .put("message", kudos.message())
        .put("score", kudos.score())
        .put("callScore", kudos.callScore())
        .put("minScore", kudos.minScore())
        .put("at", time(kudos.at()));
  }

  static JsonObject outcome(OutcomeRecord outcome) {
    if (outcome == null) {
      return null;
    }
    return new JsonObject()
        .put("outcomeId", outcome.outcomeId())
        .put("callId", outcome.callId())
        .put("csat", outcome.csat())
        .put("nps", outcome.nps())
        .put("resolved", outcome.resolved())
        .put("source", outcome.source())
        .put("receivedAt", time(outcome.receivedAt()));
  }

  /** NaN (an undefined statistic) is null in JSON. */
  static Double number(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : Math.round(value * 10_000.0) / 10_000.0;
  }
}
