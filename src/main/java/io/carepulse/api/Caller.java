package io.carepulse.api;

import io.carepulse.auth.Identity;
import io.carepulse.auth.Role;
import io.carepulse.store.CallRecord;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * Who is calling and what they may see: integrators and admins everything, supervisors the calls of their teams,
 * agents their own calls.
 */
public record Caller(Identity identity) {

  private static final String KEY = "carepulse.caller";

  static void set(RoutingContext ctx, Identity identity) {
    ctx.put(KEY, new Caller(identity));
  }

  public static Caller of(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  public String id() {
    return identity.userId();
  }

  public Role role() {
    return identity.role();
  }

  public boolean seesEverything() {
    return role() == Role.INTEGRATOR || role() == Role.ADMIN;
  }

  public boolean mayRead(CallRecord call) {
    return mayReadCallOf(call.agentId(), call.teamId());
  }

  public boolean mayReadCallOf(String agentId, String teamId) {
    return switch (role()) {
      case INTEGRATOR, ADMIN -> true;
      case SUPERVISOR -> teamId != null && identity.teams().contains(teamId);
      case AGENT -> identity.userId().equals(agentId);
    };
  }

  public boolean leadsTeam(String teamId) {
    return seesEverything() || role() == Role.SUPERVISOR && identity.teams().contains(teamId);
  }

  /** The teams a listing is limited to: null for all. */
  public Set<String> teamScope() {
    return role() == Role.SUPERVISOR ? Set.copyOf(identity.teams()) : null;
  }

  /** The agent a listing is limited to: null for all. */
  public String agentScope() {
    return role() == Role.AGENT ? identity.userId() : null;
  }

  /** Fails with 403 unless the caller has one of {@code roles}. */
  public void require(Role... roles) {
    for (Role allowed : roles) {
      if (role() == allowed) {
        return;
      }
    }
    throw Problem.forbidden("role " + role().wire() + " may not do this").asFailure();
  }
}
