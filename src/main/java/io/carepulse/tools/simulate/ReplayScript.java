package io.carepulse.tools.simulate;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The client frames of one recorded call, in seq order (1..n), as read from a replay file. {@code origin} says
 * where it came from, for messages.
 */
public record ReplayScript(String callId, String origin, List<JsonObject> frames) {

  public ReplayScript {
    frames = List.copyOf(frames);
  }

  /** What the call's softphone said about it at call.start (metadata), empty when nothing. */
  public JsonObject metadata() {
    JsonObject start = frames.get(0);
    JsonObject metadata = "call.start".equals(start.getString("type")) ? start.getJsonObject("metadata") : null;
    return metadata == null ? new JsonObject() : metadata;
  }

  public String teamId() {
    return frames.get(0).getString("teamId");
  }

  /**
   * The agent who took the call, when the recording names one: {@code agentId} (call scripts) or the HVB corpus's
   * agent persona, lower case.
   */
  public String agentId() {
    JsonObject metadata = metadata();
    String id = metadata.getString("agentId");
    if (id == null && metadata.getString("agentPersona") != null) {
      id = metadata.getString("agentPersona").toLowerCase(java.util.Locale.ROOT);
    }
    return id;
  }

  /** The CSAT a call script says its customer would give (header {@code csat}), or null. */
  public Integer scriptedCsat() {
    Object csat = metadata().getValue("csat");
    return csat instanceof Number number ? number.intValue() : null;
  }

  /** Event time of the first frame; pacing and the ts shift are relative to it. */
  public long firstTs() {
    return frames.get(0).getLong("ts", 0L);
  }
}
