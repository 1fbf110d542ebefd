package io.carepulse.live;

import io.carepulse.alert.Alert;
import io.carepulse.alert.AlertChange;
import io.carepulse.alert.Kudos;
import io.carepulse.auth.Identity;
import io.carepulse.protocol.WhisperOutcome;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * JSON of the supervisor channel and of the {@code carepulse.alerts} / {@code carepulse.kudos} event-bus messages.
 * Supervisors receive alerts and kudos in exactly the event-bus form, so the dashboard, the webhooks and the REST store
 * all read one shape.
 */
public final class SupervisorMessages {

  /** Event-bus address of alert episodes: {@code alert.raised} / {@code alert.cleared}. */
  public static final String ALERTS_ADDRESS = "carepulse.alerts";
  /** Event-bus address of recognition: {@code kudos.awarded}. */
  public static final String KUDOS_ADDRESS = "carepulse.kudos";

  private SupervisorMessages() {
  }

  public static JsonObject alert(AlertChange change, CallInfo call, Instant at) {
    Alert alert = change.alert();
    return new JsonObject()
        .put("type", change.type().wire())
        .put("alertId", alert.alertId())
        .put("callId", alert.callId())
        .put("agentId", call.agentId())
        .put("teamId", call.teamId())
        .put("kind", alert.kind().wire())
        .put("severity", alert.severity().wire())
        .put("message", alert.message())
        .put("seq", alert.seq())
        .put("callTimeMs", alert.callTimeMs())
        .put("at", at.toString());
  }

  public static JsonObject kudos(Kudos kudos, CallInfo call, Instant at) {
    return new JsonObject()
        .put("type", "kudos.awarded")
        .put("kudosId", kudos.kudosId())
        .put("callId", kudos.callId())
        .put("agentId", call.agentId())
        .put("teamId", call.teamId())
        .put("reason", kudos.reason().wire())
        .put("message", kudos.message())
        .put("score", kudos.score())
        .put("callScore", kudos.callScore())
        .put("minScore", kudos.minScore())
        .put("at", at.toString());
  }

  /** The agent's copy (protocol v1 addition): a {@code kudos} frame on the agent channel. */
  public static JsonObject agentKudos(Kudos kudos) {
    return new JsonObject()
        .put("type", "kudos")
        .put("callId", kudos.callId())
        .put("kudosId", kudos.kudosId())
        .put("reason", kudos.reason().wire())
        .put("message", kudos.message())
        .put("score", kudos.score())
        .put("callScore", kudos.callScore());
  }

  static JsonObject openAlert(Alert alert) {
    return new JsonObject()
        .put("alertId", alert.alertId())
        .put("kind", alert.kind().wire())
        .put("severity", alert.severity().wire())
        .put("message", alert.message())
        .put("seq", alert.seq())
        .put("callTimeMs", alert.callTimeMs());
  }

  /** {@code endedLingerMs}: how long the dashboard keeps an ended call on the board. */
  static JsonObject welcome(String sessionId, Identity identity, long endedLingerMs) {
    return new JsonObject().put("type", "welcome").put("protocol", 1).put("sessionId", sessionId)
        .put("userId", identity.userId()).put("role", identity.role().wire())
        .put("teams", new JsonArray(List.copyOf(identity.teams()))).put("endedLingerMs", endedLingerMs);
  }

  /** {@code ended}: the {@code call.ended} frames of calls that ended within the linger time, each with its last row. */
  static JsonObject snapshot(List<JsonObject> rows, List<JsonObject> kudos, List<JsonObject> ended) {
    return new JsonObject().put("type", "snapshot").put("calls", new JsonArray(List.copyOf(rows)))
        .put("kudos", new JsonArray(List.copyOf(kudos))).put("ended", new JsonArray(List.copyOf(ended)));
  }

  static JsonObject whisperResult(String callId, String requestId, WhisperOutcome outcome) {
    JsonObject result = new JsonObject().put("type", "whisper.result").put("callId", callId)
        .put("outcome", outcome == WhisperOutcome.HELD ? "held" : "delivered");
    if (requestId != null) {
      result.put("requestId", requestId);
    }
    return result;
  }

  /** A returning customer, flagged on the call's row: how many earlier calls, how many this week, how the last ended. */
  static JsonObject repeatCaller(io.carepulse.score.CallerHistory history, long startedAtMs) {
    var last = history.last();
    return new JsonObject().put("priorCalls", history.calls().size())
        .put("callsThisWeek", history.recentCalls(startedAtMs))
        .put("lastCallId", last.callId())
        .put("lastResolved", last.resolved())
        .put("lastScore", last.score());
  }
}
