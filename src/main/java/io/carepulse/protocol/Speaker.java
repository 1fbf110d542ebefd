package io.carepulse.protocol;

public enum Speaker {
  AGENT, CUSTOMER;

  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Speaker fromWire(String value) {
    return Speaker.valueOf(value.toUpperCase(java.util.Locale.ROOT));
  }
}
