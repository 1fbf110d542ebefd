package io.carepulse.store;

import java.time.Instant;

/**
 * One piece of call history that the store refused for its data (a {@link BatchRefused}), kept aside instead of
 * blocking every call behind it: which call, the frame's seq when it was a frame, what it was ({@code call},
 * {@code frame}, {@code whisper} or {@code ending}), its content as JSON text (U+0000 escaped, so it stores anywhere)
 * and the store's reason. {@code entryId} makes a retried quarantine write idempotent.
 */
public record QuarantinedEntry(String entryId, String callId, Long seq, String kind, String content, String reason,
                               Instant at) {
}
