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

  /** Event time of the first frame; pacing and the ts shift are relative to it. */
  public long firstTs() {
    return frames.get(0).getLong("ts", 0L);
  }
}
