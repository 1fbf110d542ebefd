package io.carepulse.app;

import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Without a configured JWT secret the service generates one for this run and prints, once, what a newcomer needs to
 * try it: sign-in links for the dashboard and the leader view, and {@code export} lines for a second terminal (the
 * secret and a token per role) that {@code simulate}, {@code token} and the README's curl commands read. Loud on
 * purpose: those tokens die with the process and anyone who sees the console can use them.
 */
final class DevelopmentMode {

  static final Duration TOKEN_TTL = Duration.ofHours(12);
  /**
   * The teams of the bundled calls, so that the printed tokens see them: samples/demo, samples/hvb, and the sample
   * call of the /agent demo page (web/agent-sdk/demo/sample-call.json).
   */
  static final List<String> SAMPLE_TEAMS = List.of("demo", "hvb", "team-a");

  static final String SECRET_ENV = "CAREPULSE_DEV_SECRET";
  static final String AGENT_ENV = "CAREPULSE_AGENT_TOKEN";
  static final String SUPERVISOR_ENV = "CAREPULSE_SUPERVISOR_TOKEN";
  static final String INTEGRATOR_ENV = "CAREPULSE_INTEGRATOR_TOKEN";
  static final String ADMIN_ENV = "CAREPULSE_ADMIN_TOKEN";

  private static final String RULE = "=".repeat(90);

  private DevelopmentMode() {
  }

  static void announce(PrintStream out, CarePulseService service) {
    String base = "http://" + ServeCommand.publicHost(service.config()) + ":" + service.port();
    JwtAuth jwt = service.jwt();
    String teams = String.join(", ", SAMPLE_TEAMS);
    String supervisor = jwt.mint("supervisor-1", Role.SUPERVISOR, SAMPLE_TEAMS, TOKEN_TTL);
    out.println();
    out.println(RULE);
    out.println(" DEVELOPMENT MODE: no JWT secret configured (CAREPULSE_JWT_SECRET). A random secret was generated");
    out.println(" for this run; the tokens below stop working when the process stops. Not for production.");
    out.println(RULE);
    out.println(" Sign in with a click (a supervisor of teams " + teams + ", the bundled calls):");
    out.println("   dashboard   " + base + "/#token=" + supervisor);
    out.println("   leader view " + base + "/leaders#token=" + supervisor);
    out.println();
    out.println(" For a second terminal: paste these lines, then run simulate and the README's curl commands.");
    out.println("   export " + SECRET_ENV + "=" + service.jwtSecret());
    export(out, AGENT_ENV, jwt.mint("agent-1", Role.AGENT, SAMPLE_TEAMS, TOKEN_TTL), "agent-1, teams " + teams);
    export(out, SUPERVISOR_ENV, supervisor, "supervisor-1, teams " + teams);
    export(out, INTEGRATOR_ENV, jwt.mint("integrator-1", Role.INTEGRATOR, SAMPLE_TEAMS, TOKEN_TTL),
        "integrator-1, every call");
    export(out, ADMIN_ENV, jwt.mint("admin-1", Role.ADMIN, List.of(), TOKEN_TTL), "admin-1, every team");
    out.println(" Tokens last " + TOKEN_TTL.toHours() + " h. More: java -jar target/carepulse.jar token --secret \"$"
        + SECRET_ENV + "\" --sub NAME --role ROLE --team TEAM");
    out.println(RULE);
    out.println();
    out.flush();
  }

  private static void export(PrintStream out, String name, String token, String who) {
    out.println("   export " + name + "=" + token + "   # " + who);
  }
}
