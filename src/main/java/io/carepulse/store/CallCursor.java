package io.carepulse.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A position in the call listing, which runs newest first by (startedAt, callId). Keyset rather than offset: calls that
 * start while a client pages never shift the pages it has not read yet. Opaque to clients (base64url).
 */
public record CallCursor(Instant startedAt, String callId) {

  public static CallCursor after(CallRecord call) {
    return new CallCursor(call.startedAt(), call.callId());
  }

  /** True when {@code call} comes after this position in the listing. */
  public boolean precedes(CallRecord call) {
    int byTime = call.startedAt().compareTo(startedAt);
    return byTime < 0 || byTime == 0 && call.callId().compareTo(callId) < 0;
  }

  public String encode() {
    String raw = startedAt.toEpochMilli() + ":" + callId;
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor, or {@code IllegalArgumentException} when the text is not one this service issued. */
  public static CallCursor decode(String text) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      if (colon <= 0 || colon == raw.length() - 1) {
        throw new IllegalArgumentException("not a cursor");
      }
      return new CallCursor(Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cursor is not one this service issued", e);
    }
  }
}
