package io.carepulse.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.carepulse.coach.Holdout;
import io.carepulse.coach.Prompt;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.protocol.ProtocolError;
import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.Recovery;
import io.carepulse.score.ScoreUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** JSON encodings of the server-to-client messages of protocol v1 (docs/protocol.md), shared by the live gateway and replay. */
public final class ServerMessages {

  /**
   * Jackson's streaming generator, without the databind layer {@code JsonObject.encode()} goes through (an
   * ObjectMapper with a serializer lookup per value): the same text for the JSON these messages hold (strings,
   * numbers, booleans, nested objects and arrays), at a fraction of the cost, and every frame out pays it.
   */
  private static final JacksonCodec CODEC = new JacksonCodec();

  /** For the texts written straight from records, field by field, in the order the JsonObject encodings put them. */
  private static final JsonFactory TEXT = new JsonFactory();

  private ServerMessages() {
  }

  /**
   * {@code encode(ack(callId, seq))}, without building the JsonObject: every applied frame pays for one. A call id that
   * Jackson writes as it is (no quote, backslash or control character) is concatenated without a generator and its
   * writer (about half of what an ack cost in the profile, issue 14); any other goes through the generator.
   */
  public static String ackText(String callId, long seq) {
    if (callId != null && writtenAsIs(callId)) {
      return "{\"type\":\"ack\",\"callId\":\"" + callId + "\",\"seq\":" + seq + "}";
    }
    StringWriter out = new StringWriter(64);
    try (JsonGenerator json = TEXT.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", "ack");
      json.writeStringField("callId", callId);
      json.writeNumberField("seq", seq);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** True when Jackson's default escaping leaves every character of {@code text} unchanged. */
  private static boolean writtenAsIs(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** {@code encode(score(update))}, without building the JsonObject tree (parts, reasons, recovery) first. */
  public static String scoreText(ScoreUpdate update) {
    StringWriter out = new StringWriter(512);
    try (JsonGenerator json = TEXT.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("type", "score");
      json.writeStringField("callId", update.callId());
      json.writeNumberField("seq", update.seq());
      json.writeNumberField("score", update.score());
      json.writeNumberField("callScore", update.callScore());
      Parts parts = update.parts();
      json.writeObjectFieldStart("parts");
      json.writeNumberField("emotion", parts.emotion());
      json.writeNumberField("empathy", parts.empathy());
      json.writeNumberField("ownership", parts.ownership());
      json.writeNumberField("listening", parts.listening());
      json.writeNumberField("responsiveness", parts.responsiveness());
      json.writeNumberField("personal", parts.personal());
      json.writeEndObject();
      json.writeStringField("trend", update.trend().wire());
      json.writeStringField("model", update.model());
      json.writeArrayFieldStart("reasons");
      for (Reason reason : update.reasons()) {
        json.writeStartObject();
        json.writeStringField("rule", reason.rule());
        json.writeStringField("part", reason.part().wire());
        json.writeNumberField("delta", round2(reason.delta()));
        json.writeArrayFieldStart("frames");
        for (String frame : reason.frames()) {
          json.writeString(frame);
        }
        json.writeEndArray();
        json.writeStringField("text", reason.text());
        json.writeEndObject();
      }
      json.writeEndArray();
      Recovery recovery = update.recovery();
      json.writeObjectFieldStart("recovery");
      json.writeNumberField("minScore", recovery.minScore());
      json.writeNumberField("minAtMs", recovery.minAtMs());
      json.writeNumberField("sinceMinMs", recovery.sinceMinMs());
      json.writeNumberField("slopePerMin", round2(recovery.slopePerMin()));
      json.writeEndObject();
      json.writeNumberField("callTimeMs", update.callTimeMs());
      ScoreUpdate.CustomerTurn customer = update.customer();
      if (customer != null) {
        json.writeObjectFieldStart("customer");
        json.writeStringField("frame", customer.frame());
        json.writeNumberField("valence", customer.valence());
        json.writeNumberField("arousal", customer.arousal());
        json.writeEndObject();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The text frame of a server message. */
  public static String encode(JsonObject message) {
    return CODEC.toString(message, false);
  }

  /** {@code resume} maps each resumed call to the seq the client should send next. */
  public static JsonObject welcome(String sessionId, java.util.Map<String, Long> resume) {
    JsonArray calls = new JsonArray();
    resume.forEach((callId, nextSeq) -> calls.add(new JsonObject().put("callId", callId).put("nextSeq", nextSeq)));
    return new JsonObject().put("type", "welcome").put("protocol", 1).put("sessionId", sessionId).put("resume", calls);
  }

  public static JsonObject ack(String callId, long seq) {
    return new JsonObject().put("type", "ack").put("callId", callId).put("seq", seq);
  }

  public static JsonObject score(ScoreUpdate update) {
    JsonObject score = new JsonObject()
        .put("type", "score")
        .put("callId", update.callId())
        .put("seq", update.seq())
        .put("score", update.score())
        .put("callScore", update.callScore())
        .put("parts", parts(update.parts()))
        .put("trend", update.trend().wire())
        .put("model", update.model())
        .put("reasons", reasons(update))
        .put("recovery", recovery(update.recovery()))
        .put("callTimeMs", update.callTimeMs());
    if (update.customer() != null) {
      score.put("customer", customerTurn(update.customer()));
    }
    return score;
  }

  /** How the customer's final turn read (care-2): valence −1..1, arousal 0..1, and which utterance. */
  public static JsonObject customerTurn(ScoreUpdate.CustomerTurn turn) {
    return new JsonObject().put("frame", turn.frame()).put("valence", turn.valence()).put("arousal", turn.arousal());
  }

  /** A prompt; {@code also} only when it carries more than its kind (optional, additive within v1). */
  public static JsonObject prompt(Prompt prompt) {
    JsonObject json = new JsonObject()
        .put("type", "prompt")
        .put("callId", prompt.callId())
        .put("promptId", prompt.promptId())
        .put("kind", prompt.kind().wire())
        .put("text", prompt.text())
        .put("priority", prompt.priority())
        .put("seq", prompt.seq());
    if (!prompt.also().isEmpty()) {
      json.put("also", kinds(prompt.also()));
    }
    return json;
  }

  public static JsonArray kinds(List<PromptKind> kinds) {
    JsonArray array = new JsonArray();
    kinds.forEach(kind -> array.add(kind.wire()));
    return array;
  }

  public static JsonObject whisper(String callId, String from, String text) {
    return new JsonObject().put("type", "whisper").put("callId", callId).put("from", from).put("text", text);
  }

  /**
   * Tells the agent's client, once at call start, that the call is in an uplift experiment and in which arm: a
   * control call gets scores but no prompts, so the plugin can say why (docs/uplift.md).
   */
  public static JsonObject holdout(String callId, Holdout.Assignment assignment) {
    return new JsonObject().put("type", "holdout").put("callId", callId)
        .put("experiment", assignment.experiment()).put("arm", assignment.arm().wire())
        .put("prompts", !assignment.control());
  }

  /** A call's arm as the summary, REST and the supervisor rows show it. */
  public static JsonObject assignment(Holdout.Assignment assignment) {
    return new JsonObject().put("experiment", assignment.experiment()).put("arm", assignment.arm().wire());
  }

  public static JsonObject summary(CallSummary summary) {
    JsonArray kinds = new JsonArray();
    summary.prompts().forEach(kind -> kinds.add(kind.wire()));
    JsonObject json = new JsonObject()
        .put("type", "call.summary")
        .put("callId", summary.callId())
        .put("model", summary.model())
        .put("score", summary.score())
        .put("callScore", summary.callScore())
        .put("minScore", summary.minScore())
        .put("parts", parts(summary.parts()))
        .put("prompts", kinds)
        .put("recovery", recovery(summary.recovery()));
    if (summary.holdout() != null) {
      json.put("holdout", assignment(summary.holdout()));
    }
    return json;
  }

  /** The error frame that tells a client why its frame was refused. */
  public static JsonObject error(ProtocolError error) {
    return error(error.code(), error.message(), error.callId(), error.seq(), error.expectedSeq());
  }

  /** An error frame; {@code callId}, {@code seq} and {@code expectedSeq} are added only when known. */
  public static JsonObject error(ErrorCode code, String message, String callId, Long seq, Long expectedSeq) {
    JsonObject error = new JsonObject().put("type", "error").put("code", code.wire()).put("message", message);
    if (callId != null) {
      error.put("callId", callId);
    }
    if (seq != null) {
      error.put("seq", seq);
    }
    if (expectedSeq != null) {
      error.put("expectedSeq", expectedSeq);
    }
    return error;
  }

  public static JsonObject parts(Parts parts) {
    return new JsonObject()
        .put("emotion", parts.emotion())
        .put("empathy", parts.empathy())
        .put("ownership", parts.ownership())
        .put("listening", parts.listening())
        .put("responsiveness", parts.responsiveness())
        .put("personal", parts.personal());
  }

  public static JsonObject recovery(Recovery recovery) {
    return new JsonObject()
        .put("minScore", recovery.minScore())
        .put("minAtMs", recovery.minAtMs())
        .put("sinceMinMs", recovery.sinceMinMs())
        .put("slopePerMin", round2(recovery.slopePerMin()));
  }

  private static JsonArray reasons(ScoreUpdate update) {
    JsonArray reasons = new JsonArray();
    for (Reason reason : update.reasons()) {
      reasons.add(new JsonObject()
          .put("rule", reason.rule())
          .put("part", reason.part().wire())
          .put("delta", round2(reason.delta()))
          .put("frames", new JsonArray(reason.frames()))
          .put("text", reason.text()));
    }
    return reasons;
  }

  private static double round2(double value) {
    return Math.round(value * 100.0) / 100.0;
  }
}
