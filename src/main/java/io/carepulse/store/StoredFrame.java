package io.carepulse.store;

import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.JacksonCodec;
import java.time.Instant;

/**
 * An applied client frame, as protocol v1 JSON with its free text already redacted, and when the server applied it.
 * Replaying a call's stored frames in seq order through the core rebuilds its state.
 *
 * <p>Kept as its JSON text: a live call's frames stay in memory until it ends (and, in memory, long after), and a
 * typical utterance's text takes 255 bytes of heap where its parsed tree took about 700, in two objects for the
 * collector to trace instead of some twenty; the database stores the same text.
 */
public record StoredFrame(String callId, long seq, String type, Instant appliedAt, String json) {

  public StoredFrame(String callId, long seq, String type, Instant appliedAt, JsonObject frame) {
    this(callId, seq, type, appliedAt, CODEC.toString(frame, false));
  }

  /** Jackson's streaming generator, not the databind mapper {@code JsonObject.encode()} goes through. */
  private static final JacksonCodec CODEC = new JacksonCodec();

  /** The frame parsed afresh: the caller owns it. */
  public JsonObject frame() {
    return new JsonObject(json);
  }
}
