package io.carepulse.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which calls to list, newest first. Every filter is optional (null). {@code teamsIn} and {@code agentId} also carry the
 * caller's scope: a supervisor sees its teams, an agent its own calls. {@code from} is inclusive and {@code to}
 * exclusive, on startedAt; the score range is inclusive, on callScore (calls without a score yet never match it).
 */
public record CallQuery(CallState state, String agentId, String teamId, Set<String> teamsIn, Instant from, Instant to,
                        Integer minScore, Integer maxScore, CallCursor after, int limit) {

  public CallQuery {
    teamsIn = teamsIn == null ? null : Set.copyOf(teamsIn);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }

  public static CallQuery all(int limit) {
    return new CallQuery(null, null, null, null, null, null, null, null, null, limit);
  }

  public boolean matches(CallRecord call) {
    return (state == null || call.state() == state)
        && (agentId == null || agentId.equals(call.agentId()))
        && (teamId == null || teamId.equals(call.teamId()))
        && (teamsIn == null || call.teamId() != null && teamsIn.contains(call.teamId()))
        && (from == null || !call.startedAt().isBefore(from))
        && (to == null || call.startedAt().isBefore(to))
        && (minScore == null || call.callScore() != null && call.callScore() >= minScore)
        && (maxScore == null || call.callScore() != null && call.callScore() <= maxScore)
        && (after == null || after.precedes(call));
  }

  public CallQuery after(CallCursor cursor) {
    return new CallQuery(state, agentId, teamId, teamsIn, from, to, minScore, maxScore, cursor, limit);
  }
}
