package io.carepulse.auth;

import static io.carepulse.auth.TestTokens.claims;
import static io.carepulse.auth.TestTokens.handSigned;
import static io.carepulse.auth.TestTokens.inAMinute;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class JwtAuthTest {

  static final String SECRET = "test-secret-test-secret-test-secret-0001";

  JwtAuth jwt;

  @BeforeEach
  void create(Vertx vertx) {
    jwt = JwtAuth.create(vertx, SECRET);
  }

  private String failureOf(String token) {
    Throwable cause = jwt.verify(token).cause();
    assertThat(cause).as("token should be refused").isNotNull().isInstanceOf(JwtAuth.AuthFailure.class);
    return cause.getMessage();
  }

  @Test
  void mintedTokenVerifiesToItsIdentity() {
    String token = jwt.mint("agent-1", Role.AGENT, List.of("team-a", "team-b"), Duration.ofMinutes(5));
    Identity identity = jwt.verify(token).result();
    assertThat(identity).isEqualTo(new Identity("agent-1", Role.AGENT, List.of("team-a", "team-b")));
  }

  @Test
  void handSignedHs256TokenIsAccepted() {
    assertThat(jwt.verify(handSigned("HS256", claims("supervisor", inAMinute()), SECRET)).result().role())
        .isEqualTo(Role.SUPERVISOR);
  }

  @Test
  void expiredTokenIsRefused() {
    failureOf(handSigned("HS256", claims("agent", System.currentTimeMillis() / 1000 - 3600), SECRET));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() {
    failureOf(handSigned("HS256", claims("agent", inAMinute()), "another-secret-another-secret-another-secret"));
  }

  @Test
  void unsignedAndOtherAlgorithmTokensAreRefused() {
    failureOf(handSigned("none", claims("agent", inAMinute()), SECRET));
    failureOf(handSigned("HS512", claims("agent", inAMinute()), SECRET));
  }

  @Test
  void tokenWithoutExpOrRoleOrSubIsRefused() {
    JsonObject noExp = claims("agent", inAMinute());
    noExp.remove("exp");
    assertThat(failureOf(handSigned("HS256", noExp, SECRET))).contains("exp");
    assertThat(failureOf(handSigned("HS256", claims("janitor", inAMinute()), SECRET))).contains("role");
    JsonObject noSub = claims("agent", inAMinute());
    noSub.remove("sub");
    assertThat(failureOf(handSigned("HS256", noSub, SECRET))).contains("sub");
  }

  @Test
  void garbageIsRefused() {
    failureOf("not.a.jwt");
    failureOf("");
  }
}
