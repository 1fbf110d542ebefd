package io.carepulse.live;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Client frames of protocol v1 for tests, in the protocol's own words. */
public final class Frames {

  private static final long T0 = 1_700_000_000_000L;

  private Frames() {
  }

  public static JsonObject callStart(String callId) {
    return new JsonObject().put("type", "call.start").put("callId", callId).put("seq", 1).put("ts", T0)
        .put("customer", new JsonObject().put("id", "cu-1").put("name", "Dana")).put("teamId", "team-a");
  }

  public static JsonObject customerSays(String callId, long seq, String text) {
    return utterance(callId, seq, "customer", text);
  }

  public static JsonObject agentSays(String callId, long seq, String text) {
    return utterance(callId, seq, "agent", text);
  }

  public static JsonObject utterance(String callId, long seq, String speaker, String text) {
    return new JsonObject().put("type", "utterance").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 3000)
        .put("speaker", speaker).put("text", text).put("final", true)
        .put("startMs", seq * 3000).put("endMs", seq * 3000 + 2500).put("utteranceId", "u-" + seq);
  }

  public static JsonObject hold(String callId, long seq) {
    return new JsonObject().put("type", "event").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 3000)
        .put("kind", "hold");
  }

  public static JsonObject end(String callId, long seq) {
    return new JsonObject().put("type", "call.end").put("callId", callId).put("seq", seq).put("ts", T0 + seq * 3000)
        .put("reason", "resolved");
  }

  public static JsonObject hello(String token, String callId, long lastSeq) {
    JsonObject hello = new JsonObject().put("type", "hello");
    if (token != null) {
      hello.put("token", token);
    }
    return hello.put("resume", new JsonArray().add(new JsonObject().put("callId", callId).put("lastSeq", lastSeq)));
  }
}
