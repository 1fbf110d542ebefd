package io.carepulse.wire;

import io.carepulse.protocol.Frame;
import io.carepulse.protocol.ProtocolError;

/** The outcome of reading one inbound text frame: a validated frame or the error to send back. */
public sealed interface FrameRead permits FrameRead.Accepted, FrameRead.Refused {

  record Accepted(Frame frame) implements FrameRead {
  }

  record Refused(ProtocolError error) implements FrameRead {
  }
}
