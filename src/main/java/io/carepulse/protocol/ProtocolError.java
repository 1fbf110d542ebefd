package io.carepulse.protocol;

/**
 * A refused frame, as a value: the code a client acts on, a message naming the field or rule, and — when the frame
 * carried them — its callId and seq so the client can tell which frame was refused. {@code expectedSeq} is set for
 * {@code seq_gap} only.
 */
public record ProtocolError(ErrorCode code, String message, String callId, Long seq, Long expectedSeq) {

  public ProtocolError(ErrorCode code, String message, String callId, Long seq) {
    this(code, message, callId, seq, null);
  }

  public static ProtocolError of(ErrorCode code, String message) {
    return new ProtocolError(code, message, null, null, null);
  }
}
