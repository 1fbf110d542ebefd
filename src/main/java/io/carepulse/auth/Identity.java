package io.carepulse.auth;

import java.util.List;

/** Who is on the other end, from a verified token: {@code sub}, {@code role} and {@code teams}. */
public record Identity(String userId, Role role, List<String> teams) {

  public Identity {
    teams = List.copyOf(teams);
  }
}
