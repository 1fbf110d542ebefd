package io.carepulse.wire;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Utterance;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Client frames as protocol v1 JSON, one replay line each. Field order is fixed and metadata keys are sorted, so the
 * same frames always give the same bytes.
 */
public final class ClientFrameJson {

  private static final JsonFactory TEXT = new JsonFactory();
  private static final JacksonCodec CODEC = new JacksonCodec();

  private ClientFrameJson() {
  }

  /**
   * The frame as the journal stores it: the text of {@code encode(frame)} with its free text ({@code text}, and a
   * softphone event's {@code detail}) passed through {@code redact}. Written field by field, without the JsonObject
   * tree, for the frames every call sends many of; a call.start (once a call, with free-form metadata) goes through
   * the tree. Same bytes either way (ClientFrameJsonTest).
   */
  public static String storedText(CallFrame frame, UnaryOperator<String> redact) {
    if (frame instanceof CallStart) {
      JsonObject json = encode(frame);
      return CODEC.toString(json, false);
    }
    StringWriter out = new StringWriter(frame instanceof Utterance utterance ? 160 + utterance.text().length() : 160);
    try (JsonGenerator json = TEXT.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", frame.type());
      json.writeStringField("callId", frame.callId());
      json.writeNumberField("seq", frame.seq());
      json.writeNumberField("ts", frame.ts());
      if (frame instanceof Utterance utterance) {
        json.writeStringField("speaker", utterance.speaker().wire());
        json.writeStringField("text", redact.apply(utterance.text()));
        json.writeBooleanField("final", utterance.isFinal());
        writeIfPresent(json, "startMs", utterance.startMs());
        writeIfPresent(json, "endMs", utterance.endMs());
        writeIfPresent(json, "utteranceId", utterance.utteranceId());
      } else if (frame instanceof EmotionEstimate emotion) {
        json.writeStringField("speaker", emotion.speaker().wire());
        json.writeNumberField("valence", emotion.valence());
        json.writeNumberField("arousal", emotion.arousal());
        writeIfPresent(json, "label", emotion.label());
        json.writeStringField("source", emotion.source());
        writeIfPresent(json, "confidence", emotion.confidence());
      } else if (frame instanceof Acoustic acoustic) {
        json.writeStringField("speaker", acoustic.speaker().wire());
        json.writeNumberField("windowMs", acoustic.windowMs());
        writeIfPresent(json, "rmsDb", acoustic.rmsDb());
        writeIfPresent(json, "pitchHz", acoustic.pitchHz());
        writeIfPresent(json, "voicedRatio", acoustic.voicedRatio());
        writeIfPresent(json, "wordsPerMin", acoustic.wordsPerMin());
      } else if (frame instanceof SoftphoneEvent event) {
        json.writeStringField("kind", event.kind().wire());
        writeIfPresent(json, "detail", event.detail() == null ? null : redact.apply(event.detail()));
      } else if (frame instanceof PromptFeedback feedback) {
        json.writeStringField("promptId", feedback.promptId());
        json.writeStringField("action", feedback.action().wire());
      } else if (frame instanceof CallEnd end) {
        writeIfPresent(json, "reason", end.reason());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void writeIfPresent(JsonGenerator json, String field, Object value) throws IOException {
    if (value instanceof String text) {
      json.writeStringField(field, text);
    } else if (value instanceof Long number) {
      json.writeNumberField(field, number);
    } else if (value instanceof Double number) {
      json.writeNumberField(field, number);
    }
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
