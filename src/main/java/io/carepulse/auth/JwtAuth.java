package io.carepulse.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Mints and verifies the HS256 tokens of protocol v1 with vertx-auth-jwt: signature, algorithm (only HS256 is
 * configured, so {@code none} and other algorithms are refused), {@code exp} (required), {@code sub} and {@code role}.
 * Verification is synchronous CPU work and safe from any event loop.
 */
public final class JwtAuth {

  private static final String ALGORITHM = "HS256";

  private final JWTAuth provider;

  private JwtAuth(JWTAuth provider) {
    this.provider = provider;
  }

  public static JwtAuth create(Vertx vertx, String secret) {
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM));
    return new JwtAuth(JWTAuth.create(vertx, options));
  }

  /** A random secret for a development run: 256 bits, URL-safe. */
  public static String generateSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public String mint(String subject, Role role, List<String> teams, Duration ttl) {
    JsonObject claims = new JsonObject().put("role", role.wire()).put("teams", new JsonArray(new ArrayList<>(teams)));
    JWTOptions options = new JWTOptions()
        .setAlgorithm(ALGORITHM)
        .setSubject(subject)
        .setExpiresInSeconds((int) Math.min(Integer.MAX_VALUE, ttl.toSeconds()));
    return provider.generateToken(claims, options);
  }

  /** The identity in a valid token, or a failed future with an {@link AuthFailure} saying why it is not valid. */
  public Future<Identity> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new AuthFailure("no token"));
    }
    return provider.authenticate(new TokenCredentials(token))
        .recover(cause -> Future.failedFuture(new AuthFailure("token rejected: " + cause.getMessage())))
        // vertx-auth-jwt keeps the decoded claims under the "accessToken" attribute; the principal holds the raw token.
        .compose(user -> identity(user.attributes().getJsonObject("accessToken", user.principal())));
  }

  private static Future<Identity> identity(JsonObject claims) {
    if (!(claims.getValue("exp") instanceof Number)) {
      return Future.failedFuture(new AuthFailure("token has no exp"));
    }
    String subject = claims.getValue("sub") instanceof String s && !s.isBlank() ? s : null;
    if (subject == null) {
      return Future.failedFuture(new AuthFailure("token has no sub"));
    }
    Optional<Role> role = claims.getValue("role") instanceof String r ? Role.fromWire(r) : Optional.empty();
    if (role.isEmpty()) {
      return Future.failedFuture(new AuthFailure("token role must be one of agent, supervisor, integrator, admin"));
    }
    List<String> teams = new ArrayList<>();
    if (claims.getValue("teams") instanceof JsonArray array) {
      for (Object team : array) {
        if (team instanceof String t) {
          teams.add(t);
        }
      }
    }
    return Future.succeededFuture(new Identity(subject, role.get(), teams));
  }

  /** What to tell a client whose token {@link #verify} refused. */
  public static String refusal(Throwable cause) {
    return cause instanceof AuthFailure ? cause.getMessage() : "token rejected";
  }

  /** Why a token was not accepted; the message is safe to show the client. */
  public static final class AuthFailure extends RuntimeException {
    public AuthFailure(String message) {
      super(message, null, false, false);
    }
  }
}
