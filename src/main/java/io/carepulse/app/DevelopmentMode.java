package io.carepulse.app;

import io.carepulse.auth.Role;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Without a configured JWT secret the service generates one for this run and prints, once, tokens to try it with.
 * Loud on purpose: those tokens die with the process and anyone who sees the console can use them.
 */
final class DevelopmentMode {

  static final Duration TOKEN_TTL = Duration.ofHours(12);

  private DevelopmentMode() {
  }

  static void announce(PrintStream out, CarePulseService service) {
    String host = service.config().httpHost().equals("0.0.0.0") ? "localhost" : service.config().httpHost();
    String base = host + ":" + service.port();
    List<String> teams = List.of("team-a");
    out.println();
    out.println("==================================================================================");
    out.println(" DEVELOPMENT MODE: no JWT secret configured (CAREPULSE_JWT_SECRET).");
    out.println(" A random secret was generated for this run; the tokens below stop working when the");
    out.println(" process stops. Do not use this mode in production.");
    out.println("==================================================================================");
    out.println(" agent endpoint : ws://" + base + "/v1/agent");
    out.println(" protocol       : http://" + base + "/v1/asyncapi.yaml");
    out.println(" dashboard      : http://" + base + "/  (sign in with the supervisor token below)");
    out.println(" agent token (sub agent-1, team-a, 12 h):");
    out.println("   " + service.jwt().mint("agent-1", Role.AGENT, teams, TOKEN_TTL));
    out.println(" supervisor token (sub supervisor-1, team-a, 12 h):");
    out.println("   " + service.jwt().mint("supervisor-1", Role.SUPERVISOR, teams, TOKEN_TTL));
    out.println(" integrator token (sub integrator-1, team-a, 12 h):");
    out.println("   " + service.jwt().mint("integrator-1", Role.INTEGRATOR, teams, TOKEN_TTL));
    out.println("==================================================================================");
    out.println();
    out.flush();
  }
}
