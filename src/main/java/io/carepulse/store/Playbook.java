package io.carepulse.store;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A team's coaching playbook: the document as the API accepted it (validated against the contract) and its version,
 * which starts at 1 and grows by one with each change. Treat {@code document} as read-only.
 */
public record Playbook(String teamId, long version, JsonObject document, Instant updatedAt, String updatedBy) {
}
