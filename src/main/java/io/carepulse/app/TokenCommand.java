package io.carepulse.app;

import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint a JWT for a secret, subject, role and teams.")
public final class TokenCommand implements Callable<Integer> {

  @Option(names = "--secret", description = "HS256 secret (default: CAREPULSE_JWT_SECRET, else the development "
      + "secret a serve without one printed, CAREPULSE_DEV_SECRET)")
  String secret;

  @Option(names = "--sub", required = true, description = "user id (sub claim)")
  String subject;

  @Option(names = "--role", defaultValue = "agent", description = "agent, supervisor, integrator or admin (default: ${DEFAULT-VALUE})")
  String role;

  @Option(names = "--team", description = "team id; repeat for several")
  List<String> teams = new ArrayList<>();

  @Option(names = "--ttl", defaultValue = "8h", description = "lifetime such as 30m, 8h (default: ${DEFAULT-VALUE}; at most 1 day)")
  String ttl;

  @Override
  public Integer call() {
    String key = secret != null ? secret : System.getenv(AppConfig.envName("jwtSecret"));
    if (key == null || key.isBlank()) {
      key = System.getenv(DevelopmentMode.SECRET_ENV);
    }
    if (key == null || key.isBlank()) {
      System.err.println("token: give --secret or set CAREPULSE_JWT_SECRET (or " + DevelopmentMode.SECRET_ENV + ")");
      return 2;
    }
    Role parsedRole = Role.fromWire(role).orElse(null);
    if (parsedRole == null) {
      System.err.println("token: --role must be one of agent, supervisor, integrator, admin");
      return 2;
    }
    Duration lifetime = AppConfig.parseDuration(ttl);
    if (lifetime == null) {
      System.err.println("token: --ttl must be a duration such as 30m or 8h (at most 1 day), got '" + ttl + "'");
      return 2;
    }
    // vertx-auth-jwt wants a Vertx instance although signing does no I/O; a throwaway one is cheap here.
    Vertx vertx = Vertx.vertx();
    try {
      System.out.println(JwtAuth.create(vertx, key).mint(subject, parsedRole, teams, lifetime));
      return 0;
    } finally {
      vertx.close();
    }
  }
}
