package io.carepulse.store;

import java.time.Instant;

/** Recognition the supervisor feed awarded an agent for a call (event bus {@code carepulse.kudos}). */
public record KudosRecord(String kudosId, String callId, String agentId, String teamId, String reason, String message,
                          Integer score, Integer callScore, Integer minScore, Instant at) {
}
