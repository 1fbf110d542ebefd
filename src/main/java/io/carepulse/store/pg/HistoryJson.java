package io.carepulse.store.pg;

import io.carepulse.coach.Holdout;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallSummary;
import io.carepulse.score.AgentPace;
import io.carepulse.score.Part;
import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.Recovery;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The jsonb columns: score parts, reasons and call summaries, in the same words as the wire (protocol v1). */
final class HistoryJson {

  private HistoryJson() {
  }

  static JsonObject parts(Parts parts) {
    return new JsonObject().put("emotion", parts.emotion()).put("empathy", parts.empathy())
        .put("ownership", parts.ownership()).put("listening", parts.listening())
        .put("responsiveness", parts.responsiveness()).put("personal", parts.personal());
  }

  static Parts parts(JsonObject json) {
    return new Parts(json.getInteger("emotion"), json.getInteger("empathy"), json.getInteger("ownership"),
        json.getInteger("listening"), json.getInteger("responsiveness"), json.getInteger("personal"));
  }

  static JsonArray reasons(List<Reason> reasons) {
    JsonArray array = new JsonArray();
    for (Reason reason : reasons) {
      array.add(new JsonObject().put("rule", reason.rule()).put("part", reason.part().wire())
          .put("delta", reason.delta()).put("frames", new JsonArray(new ArrayList<>(reason.frames())))
          .put("text", reason.text()));
    }
    return array;
  }

  static List<Reason> reasons(JsonArray array) {
    List<Reason> reasons = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject json = array.getJsonObject(i);
      List<String> frames = new ArrayList<>();
      json.getJsonArray("frames").forEach(frame -> frames.add((String) frame));
      reasons.add(new Reason(json.getString("rule"), Part.valueOf(json.getString("part").toUpperCase(java.util.Locale.ROOT)),
          json.getDouble("delta"), frames, json.getString("text")));
    }
    return reasons;
  }

  static JsonObject summary(CallSummary summary) {
    JsonArray prompts = new JsonArray();
    summary.prompts().forEach(kind -> prompts.add(kind.wire()));
    Recovery recovery = summary.recovery();
    JsonObject json = new JsonObject().put("callId", summary.callId()).put("model", summary.model())
        .put("score", summary.score()).put("callScore", summary.callScore()).put("minScore", summary.minScore())
        .put("parts", parts(summary.parts())).put("prompts", prompts);
    if (recovery != null) {
      json.put("recovery", new JsonObject().put("minScore", recovery.minScore()).put("minAtMs", recovery.minAtMs())
          .put("sinceMinMs", recovery.sinceMinMs()).put("slopePerMin", recovery.slopePerMin()));
    }
    if (summary.holdout() != null) {
      json.put("holdout", new JsonObject().put("experiment", summary.holdout().experiment())
          .put("arm", summary.holdout().arm().wire()));
    }
    AgentPace pace = summary.pace();
    if (!pace.isEmpty()) {
      json.put("pace", new JsonObject().put("wordsPerMin", pace.wordsPerMin())
          .put("turnWordsPerMin", pace.turnWordsPerMin()).put("talkShare", pace.talkShare()));
    }
    return json;
  }

  static CallSummary summary(JsonObject json) {
    List<PromptKind> prompts = new ArrayList<>();
    json.getJsonArray("prompts").forEach(kind -> prompts.add(PromptKind.fromWire((String) kind)));
    JsonObject recovery = json.getJsonObject("recovery");
    JsonObject holdout = json.getJsonObject("holdout");
    JsonObject pace = json.getJsonObject("pace");
    return new CallSummary(json.getString("callId"), json.getString("model"), json.getInteger("score"),
        json.getInteger("callScore"), json.getInteger("minScore"), parts(json.getJsonObject("parts")), prompts,
        recovery == null ? null : new Recovery(recovery.getInteger("minScore"), recovery.getLong("minAtMs"),
            recovery.getLong("sinceMinMs"), recovery.getDouble("slopePerMin")),
        holdout == null ? null : new Holdout.Assignment(holdout.getString("experiment"),
            Holdout.Arm.fromWire(holdout.getString("arm"))),
        pace == null ? AgentPace.NONE : new AgentPace(pace.getDouble("wordsPerMin"), pace.getDouble("turnWordsPerMin"),
            pace.getDouble("talkShare")));
  }
}
