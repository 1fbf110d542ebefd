package io.carepulse.store;

import java.util.Locale;
import java.util.Optional;

/** Whether a call is still being scored or is over. */
public enum CallState {
  LIVE, ENDED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<CallState> fromWire(String value) {
    for (CallState state : values()) {
      if (state.wire().equals(value)) {
        return Optional.of(state);
      }
    }
    return Optional.empty();
  }
}
