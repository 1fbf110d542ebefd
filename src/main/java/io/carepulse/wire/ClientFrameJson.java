package io.carepulse.wire;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Utterance;
import io.vertx.core.json.JsonObject;
import java.util.TreeMap;

/**
 * Client frames as protocol v1 JSON, one replay line each. Field order is fixed and metadata keys are sorted, so the
 * same frames always give the same bytes.
 */
public final class ClientFrameJson {

  private ClientFrameJson() {
  }

  public static JsonObject encode(CallFrame frame) {
    JsonObject json = new JsonObject()
        .put("type", frame.type())
        .put("callId", frame.callId())
        .put("seq", frame.seq())
        .put("ts", frame.ts());
    if (frame instanceof CallStart start) {
      JsonObject customer = new JsonObject();
      putIfPresent(customer, "id", start.customer().id());
      putIfPresent(customer, "name", start.customer().name());
      if (!customer.isEmpty()) {
        json.put("customer", customer);
      }
      putIfPresent(json, "teamId", start.teamId());
      json.put("locale", start.locale());
      if (!start.metadata().isEmpty()) {
        json.put("metadata", new JsonObject(new TreeMap<String, Object>(start.metadata())));
      }
    } else if (frame instanceof Utterance utterance) {
      json.put("speaker", utterance.speaker().wire()).put("text", utterance.text()).put("final", utterance.isFinal());
      putIfPresent(json, "startMs", utterance.startMs());
      putIfPresent(json, "endMs", utterance.endMs());
      putIfPresent(json, "utteranceId", utterance.utteranceId());
    } else if (frame instanceof EmotionEstimate emotion) {
      json.put("speaker", emotion.speaker().wire()).put("valence", emotion.valence()).put("arousal", emotion.arousal());
      putIfPresent(json, "label", emotion.label());
      json.put("source", emotion.source());
      putIfPresent(json, "confidence", emotion.confidence());
    } else if (frame instanceof Acoustic acoustic) {
      json.put("speaker", acoustic.speaker().wire()).put("windowMs", acoustic.windowMs());
      putIfPresent(json, "rmsDb", acoustic.rmsDb());
      putIfPresent(json, "pitchHz", acoustic.pitchHz());
      putIfPresent(json, "voicedRatio", acoustic.voicedRatio());
      putIfPresent(json, "wordsPerMin", acoustic.wordsPerMin());
    } else if (frame instanceof SoftphoneEvent event) {
      json.put("kind", event.kind().wire());
      putIfPresent(json, "detail", event.detail());
    } else if (frame instanceof PromptFeedback feedback) {
      json.put("promptId", feedback.promptId()).put("action", feedback.action().wire());
    } else if (frame instanceof CallEnd end) {
      putIfPresent(json, "reason", end.reason());
    }
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
