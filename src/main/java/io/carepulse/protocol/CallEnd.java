package io.carepulse.protocol;

/** The call is over. */
public record CallEnd(String callId, long seq, long ts, String reason) implements CallFrame {

  @Override
  public String type() {
    return "call.end";
  }
}
