package io.carepulse.alert;

/** An alert episode began or ended. */
public record AlertChange(Type type, Alert alert) {

  public enum Type {
    RAISED("alert.raised"), CLEARED("alert.cleared");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  static AlertChange raised(Alert alert) {
    return new AlertChange(Type.RAISED, alert);
  }

  static AlertChange cleared(Alert alert) {
    return new AlertChange(Type.CLEARED, alert);
  }
}
