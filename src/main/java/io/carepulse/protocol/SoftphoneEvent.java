package io.carepulse.protocol;

/** A softphone state change: hold, mute, transfer and so on. */
public record SoftphoneEvent(String callId, long seq, long ts, Kind kind, String detail) implements CallFrame {

  @Override
  public String type() {
    return "event";
  }

  public enum Kind {
    HOLD, UNHOLD, MUTE, UNMUTE, TRANSFER, CONFERENCE, DTMF;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Kind fromWire(String value) {
      return Kind.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
