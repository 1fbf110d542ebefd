package io.carepulse.auth;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Hand-signed tokens, so tests can forge what a well-behaved minting library would never produce. */
public final class TestTokens {

  private TestTokens() {
  }

  public static String handSigned(String alg, JsonObject claims, String secret) {
    try {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      String header = b64.encodeToString(new JsonObject().put("alg", alg).put("typ", "JWT").encode()
          .getBytes(StandardCharsets.UTF_8));
      String payload = b64.encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
      String signingInput = header + "." + payload;
      if (alg.equals("none")) {
        return signingInput + ".";
      }
      String javaAlg = alg.equals("HS512") ? "HmacSHA512" : "HmacSHA256";
      Mac mac = Mac.getInstance(javaAlg);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), javaAlg));
      return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject claims(String role, long expSeconds) {
    return new JsonObject().put("sub", "agent-1").put("role", role).put("teams", List.of("team-a"))
        .put("exp", expSeconds).put("iat", System.currentTimeMillis() / 1000);
  }

  public static long inAMinute() {
    return System.currentTimeMillis() / 1000 + 60;
  }

  public static long aMinuteAgo() {
    return System.currentTimeMillis() / 1000 - 60;
  }
}
