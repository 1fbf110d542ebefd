package io.carepulse.wire;

import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallContext;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.AgentPace;
import io.carepulse.score.CallerHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's {@link CallContext} as JSON: the {@code call.context} line that heads a call's exported frames (docs/protocol.md
 * "Replay files"), and the same object without {@code type} and {@code callId} in the store. It is never a client
 * frame: a client that could send it could invent a customer's history.
 */
public final class CallContextJson {

  public static final String TYPE = "call.context";

  private CallContextJson() {
  }

  /** The replay line: {@code {"type":"call.context","callId":…, …the context}}. */
  public static JsonObject line(String callId, CallContext context) {
    return new JsonObject().put("type", TYPE).put("callId", callId).mergeIn(encode(context));
  }

  public static boolean isLine(JsonObject json) {
    return TYPE.equals(json.getValue("type"));
  }

  public static JsonObject encode(CallContext context) {
    JsonObject json = new JsonObject().put("model", context.model());
    if (context.holdout() != null) {
      json.put("holdout", new JsonObject().put("experiment", context.holdout().experiment())
          .put("arm", context.holdout().arm().wire()));
    }
    JsonArray calls = new JsonArray();
    for (CallerHistory.PriorCall call : context.history().calls()) {
      JsonObject prior = new JsonObject().put("callId", call.callId()).put("startedAtMs", call.startedAtMs())
          .put("endedAtMs", call.endedAtMs()).put("score", call.score()).put("callScore", call.callScore());
      putIfPresent(prior, "resolved", call.resolved());
      putIfPresent(prior, "topic", call.topic());
      calls.add(prior);
    }
    JsonArray paces = new JsonArray();
    for (AgentPace pace : context.baseline().calls()) {
      JsonObject figures = new JsonObject();
      putIfPresent(figures, "wordsPerMin", pace.wordsPerMin());
      putIfPresent(figures, "turnWordsPerMin", pace.turnWordsPerMin());
      putIfPresent(figures, "talkShare", pace.talkShare());
      paces.add(figures);
    }
    return json.put("customerCalls", calls).put("agentCalls", paces);
  }

  /** Reads what {@link #encode} or {@link #line} wrote; a field of the wrong shape fails with its name. */
  public static CallContext decode(JsonObject json) {
    try {
      JsonObject holdout = json.getJsonObject("holdout");
      List<CallerHistory.PriorCall> calls = new ArrayList<>();
      for (Object item : json.getJsonArray("customerCalls", new JsonArray())) {
        JsonObject prior = (JsonObject) item;
        calls.add(new CallerHistory.PriorCall(required(prior, "callId", prior.getString("callId")),
            required(prior, "startedAtMs", prior.getLong("startedAtMs")),
            required(prior, "endedAtMs", prior.getLong("endedAtMs")),
            required(prior, "score", prior.getInteger("score")),
            required(prior, "callScore", prior.getInteger("callScore")),
            prior.getBoolean("resolved"), prior.getString("topic")));
      }
      List<AgentPace> paces = new ArrayList<>();
      for (Object item : json.getJsonArray("agentCalls", new JsonArray())) {
        JsonObject pace = (JsonObject) item;
        paces.add(new AgentPace(pace.getDouble("wordsPerMin"), pace.getDouble("turnWordsPerMin"),
            pace.getDouble("talkShare")));
      }
      Holdout.Assignment arm = holdout == null ? null
          : new Holdout.Assignment(required(holdout, "experiment", holdout.getString("experiment")),
              Holdout.Arm.fromWire(required(holdout, "arm", holdout.getString("arm"))));
      return new CallContext(json.getString("model"), new CallerHistory(calls), new AgentBaseline(paces), arm);
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException("call.context: " + e.getMessage(), e);
    }
  }

  private static <T> T required(JsonObject json, String field, T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static void putIfPresent(JsonObject json, String field, Object value) {
    if (value != null) {
      json.put(field, value);
    }
  }
}
