package io.carepulse.live;

/**
 * Which web origins may open a socket (the upgrade's {@code Origin} header; null when the client sent none, as
 * non-browser clients do). Both socket endpoints ask it before authenticating; a refused origin gets 403.
 */
@FunctionalInterface
public interface OriginCheck {

  /** Every origin, and none. The hardening issue replaces this with an allowlist from the configuration. */
  OriginCheck ANY = origin -> true;

  boolean allows(String origin);
}
