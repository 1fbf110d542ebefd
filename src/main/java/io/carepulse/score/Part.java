package io.carepulse.score;

import java.util.Locale;

/** A named part of the score; the wire name is the lower-case enum name. */
public enum Part {
  EMOTION, EMPATHY, OWNERSHIP, LISTENING, RESPONSIVENESS, PERSONAL;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}
