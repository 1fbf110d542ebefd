package io.carepulse.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * An applied client frame, as protocol v1 JSON with its free text already redacted, and when the server applied it.
 * Replaying a call's stored frames in seq order through the core rebuilds its state. Treat {@code frame} as read-only.
 */
public record StoredFrame(String callId, long seq, String type, Instant appliedAt, JsonObject frame) {
}
