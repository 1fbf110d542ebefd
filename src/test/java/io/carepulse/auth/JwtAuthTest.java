package io.carepulse.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

  /** Hand-signs a token so tests can forge what a well-behaved minting library would never produce. */
  static String handSigned(String alg, JsonObject claims, String secret) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString(new JsonObject().put("alg", alg).put("typ", "JWT").encode().getBytes(StandardCharsets.UTF_8));
    String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    String signingInput = header + "." + payload;
    if (alg.equals("none")) {
      return signingInput + ".";
    }
    String javaAlg = alg.equals("HS512") ? "HmacSHA512" : "HmacSHA256";
    Mac mac = Mac.getInstance(javaAlg);
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
    return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
  }

  static JsonObject claims(String role, long expSeconds) {
    return new JsonObject().put("sub", "agent-1").put("role", role).put("teams", List.of("team-a"))
        .put("exp", expSeconds).put("iat", System.currentTimeMillis() / 1000);
  }

  static long inAMinute() {
    return System.currentTimeMillis() / 1000 + 60;
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
  void handSignedHs256TokenIsAccepted() throws Exception {
    assertThat(jwt.verify(handSigned("HS256", claims("supervisor", inAMinute()), SECRET)).result().role())
        .isEqualTo(Role.SUPERVISOR);
  }

  @Test
  void expiredTokenIsRefused() throws Exception {
    failureOf(handSigned("HS256", claims("agent", System.currentTimeMillis() / 1000 - 3600), SECRET));
  }

  @Test
  void tokenSignedWithAnotherSecretIsRefused() throws Exception {
    failureOf(handSigned("HS256", claims("agent", inAMinute()), "another-secret-another-secret-another-secret"));
  }

  @Test
  void unsignedAndOtherAlgorithmTokensAreRefused() throws Exception {
    failureOf(handSigned("none", claims("agent", inAMinute()), SECRET));
    failureOf(handSigned("HS512", claims("agent", inAMinute()), SECRET));
  }

  @Test
  void tokenWithoutExpOrRoleOrSubIsRefused() throws Exception {
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
