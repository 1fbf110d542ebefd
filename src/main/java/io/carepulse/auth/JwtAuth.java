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
 * configured, so {@code none} and other algorithms are refused), {@code sub} and {@code role}. The times are checked
 * here, each with its own message (vertx-auth-jwt calls a future {@code iat} "expired"): {@code exp} is required and
 * past it the token is expired; an {@code iat} or {@code nbf} in the future is refused as such; and a token may not
 * live longer than the maximum lifetime. {@link #CLOCK_LEEWAY} allows for issuers' clocks. A refusal's message says
 * what is wrong with the token, never what a parser said. Verification is synchronous CPU work and safe from any event
 * loop.
 */
public final class JwtAuth {

  /** How far an issuer's clock may differ from ours. */
  public static final Duration CLOCK_LEEWAY = Duration.ofSeconds(60);
  /** The lifetime accepted when none is configured. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

  private static final String ALGORITHM = "HS256";

  private final JWTAuth provider;
  private final Duration maxLifetime;

  private JwtAuth(JWTAuth provider, Duration maxLifetime) {
    this.provider = provider;
    this.maxLifetime = maxLifetime;
  }

  public static JwtAuth create(Vertx vertx, String secret) {
    return create(vertx, secret, DEFAULT_MAX_LIFETIME);
  }

  /** {@code maxLifetime}: tokens whose {@code exp} lies further than this after their {@code iat} are refused. */
  public static JwtAuth create(Vertx vertx, String secret, Duration maxLifetime) {
    JWTAuthOptions options = new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(secret))
        // The times are checked in lifetime(), where each failure can say what it is.
        .setJWTOptions(new JWTOptions().setAlgorithm(ALGORITHM).setIgnoreExpiration(true));
    return new JwtAuth(JWTAuth.create(vertx, options), maxLifetime);
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
        .recover(cause -> Future.failedFuture(new AuthFailure(malformed(token))))
        // vertx-auth-jwt keeps the decoded claims under the "accessToken" attribute; the principal holds the raw token.
        .compose(user -> identity(user.attributes().getJsonObject("accessToken", user.principal())));
  }

  /** Why the library refused a token, in our words: its shape, its algorithm, or else its signature. */
  private static String malformed(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return "token is not a JWT (three dot-separated parts)";
    }
    JsonObject header;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), java.nio.charset.StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return "token header is not base64url-encoded JSON";
    }
    if (!ALGORITHM.equals(header.getValue("alg"))) {
      return "token algorithm must be " + ALGORITHM;
    }
    return "token signature or payload is not valid";
  }

  private Future<Identity> identity(JsonObject claims) {
    String timing = lifetime(claims, System.currentTimeMillis() / 1000);
    if (timing != null) {
      return Future.failedFuture(new AuthFailure(timing));
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

  /** Null when the token's times are acceptable at {@code nowSeconds}, else why not. */
  String lifetime(JsonObject claims, long nowSeconds) {
    if (!(claims.getValue("exp") instanceof Number expiry)) {
      return "token has no exp";
    }
    long leeway = CLOCK_LEEWAY.toSeconds();
    long exp = expiry.longValue();
    if (exp <= nowSeconds - leeway) {
      return "token expired at " + java.time.Instant.ofEpochSecond(exp);
    }
    Long iat = claims.getValue("iat") instanceof Number n ? n.longValue() : null;
    if (iat != null && iat > nowSeconds + leeway) {
      return "token is issued in the future (iat " + java.time.Instant.ofEpochSecond(iat)
          + "); check the issuer's clock";
    }
    if (claims.getValue("nbf") instanceof Number nbf && nbf.longValue() > nowSeconds + leeway) {
      return "token is not valid before " + java.time.Instant.ofEpochSecond(nbf.longValue());
    }
    long from = iat != null ? iat : nowSeconds;
    if (exp - from > maxLifetime.toSeconds() + leeway) {
      return "token lifetime exceeds the maximum of " + maxLifetime.toMinutes() + " minutes; issue shorter-lived tokens";
    }
    return null;
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
