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

  @Test
  void aTokenIssuedInTheFutureIsRefusedAsSuchNotAsExpired() {
    long now = System.currentTimeMillis() / 1000;
    JsonObject future = claims("agent", now + 7200).put("iat", now + 3600);
    String message = failureOf(handSigned("HS256", future, SECRET));
    assertThat(message).contains("issued in the future").doesNotContain("expired");
  }

  @Test
  void aTokenNotValidYetIsRefusedAsSuch() {
    long now = System.currentTimeMillis() / 1000;
    JsonObject notYet = claims("agent", now + 7200).put("nbf", now + 3600);
    assertThat(failureOf(handSigned("HS256", notYet, SECRET))).contains("not valid before").doesNotContain("expired");
  }

  @Test
  void anExpiredTokenSaysWhenItExpired() {
    assertThat(failureOf(handSigned("HS256", claims("agent", System.currentTimeMillis() / 1000 - 3600), SECRET)))
        .startsWith("token expired at ");
  }

  @Test
  void clocksWithinTheLeewayAreAccepted() {
    long now = System.currentTimeMillis() / 1000;
    JsonObject skewed = claims("agent", now + 600).put("iat", now + 30).put("nbf", now + 30);
    assertThat(jwt.verify(handSigned("HS256", skewed, SECRET)).succeeded()).isTrue();
  }

  @Test
  void aTokenLivingLongerThanTheMaximumIsRefused(Vertx vertx) {
    JwtAuth shortLived = JwtAuth.create(vertx, SECRET, Duration.ofHours(1));
    long now = System.currentTimeMillis() / 1000;
    String twoDays = handSigned("HS256", claims("agent", now + 2 * 86_400).put("iat", now), SECRET);
    assertThat(shortLived.verify(twoDays).cause().getMessage()).contains("lifetime exceeds the maximum of 60 minutes");
    String noIat = handSigned("HS256", claims("agent", now + 7_200), SECRET);
    assertThat(shortLived.verify(noIat).failed()).as("without iat the lifetime counts from now").isTrue();
    assertThat(shortLived.verify(shortLived.mint("a", Role.AGENT, List.of(), Duration.ofMinutes(30))).succeeded())
        .isTrue();
  }

  @Test
  void aGarbageTokensMessageNamesWhatIsWrongNotTheParser() {
    List<String> ours = List.of("token is not a JWT (three dot-separated parts)",
        "token header is not base64url-encoded JSON", "token algorithm must be HS256",
        "token signature or payload is not valid");
    for (String garbage : List.of("not.a.jwt", "a.b", "%%%.%%%.%%%", "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA", "....", "x".repeat(5000))) {
      assertThat(failureOf(garbage)).as("message for " + garbage.substring(0, Math.min(40, garbage.length())))
          .isIn(ours);
    }
  }
}
