package io.carepulse.store;

import java.time.Instant;

/**
 * A call whose history the in-memory store has let go to stay within its bounds: only who may ask about it and when it
 * ended (null if it was forgotten while live), never what was said, so a reader can be told why it is gone.
 */
public record EvictedCall(String callId, String agentId, String teamId, Instant endedAt, Instant evictedAt) {
}
