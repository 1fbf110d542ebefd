package io.carepulse.auth;

import java.util.Locale;
import java.util.Optional;

/** The {@code role} claim of a CarePulse JWT. */
public enum Role {
  AGENT, SUPERVISOR, INTEGRATOR, ADMIN;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String value) {
    for (Role role : values()) {
      if (role.wire().equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
