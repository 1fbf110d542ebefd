package io.carepulse.auth;

import java.util.List;

/** Who is on the other end, from a verified token: {@code sub}, {@code role} and {@code teams}. */
public record Identity(String userId, Role role, List<String> teams) {

  public Identity {
    teams = List.copyOf(teams);
  }

  /**
   * Whether this caller may put a call in {@code teamId}: one of the token's teams. Admins and integrators (a
   * telephony platform feeding every team's calls, which already reads them all) are exempt; a call without a team
   * belongs to no team's dashboard, so anyone may start one.
   */
  public boolean mayStartCallsIn(String teamId) {
    return teamId == null || role == Role.ADMIN || role == Role.INTEGRATOR || teams.contains(teamId);
  }
}
