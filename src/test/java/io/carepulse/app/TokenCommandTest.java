package io.carepulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TokenCommandTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-token";

  @Test
  void mintsATokenTheServiceAccepts() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new Main()).execute("token", "--secret", SECRET, "--sub", "sup-7", "--role", "supervisor",
          "--team", "team-a", "--team", "team-b", "--ttl", "30m");
    } finally {
      System.setOut(original);
    }
    assertThat(exit).isZero();
    String token = out.toString(StandardCharsets.UTF_8).trim();
    Vertx vertx = Vertx.vertx();
    try {
      Identity identity = JwtAuth.create(vertx, SECRET).verify(token).await(5, TimeUnit.SECONDS);
      assertThat(identity).isEqualTo(new Identity("sup-7", Role.SUPERVISOR, List.of("team-a", "team-b")));
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void refusesAnUnknownRole() {
    assertThat(new CommandLine(new Main()).execute("token", "--secret", SECRET, "--sub", "x", "--role", "boss"))
        .isEqualTo(2);
  }
}
