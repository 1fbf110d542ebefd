package io.carepulse.store;

import java.time.Instant;
import java.util.Set;

/**
 * The calls a report covers: those that started in [from, to), optionally of some teams or one agent (the caller's
 * scope). Null means no bound.
 */
public record ReportQuery(Instant from, Instant to, Set<String> teamsIn, String agentId) {

  public ReportQuery {
    teamsIn = teamsIn == null ? null : Set.copyOf(teamsIn);
  }

  public boolean matches(CallRecord call) {
    return (from == null || !call.startedAt().isBefore(from))
        && (to == null || call.startedAt().isBefore(to))
        && (teamsIn == null || call.teamId() != null && teamsIn.contains(call.teamId()))
        && (agentId == null || agentId.equals(call.agentId()));
  }
}
