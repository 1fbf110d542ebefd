package io.carepulse.auth;

import java.util.Optional;

/** The {@code Authorization: Bearer <token>} header (RFC 6750 §2.1), read in one place for every surface. */
public final class BearerToken {

  private static final String SCHEME = "Bearer ";

  private BearerToken() {
  }

  /** The token of a header value that uses the Bearer scheme (any case); empty for another scheme. */
  public static Optional<String> of(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
      return Optional.empty();
    }
    return Optional.of(authorization.substring(SCHEME.length()).trim());
  }
}
