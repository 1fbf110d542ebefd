package io.carepulse.protocol;

/** A frame that belongs to one call: it carries the call id, the per-call sequence number and the client time. */
public sealed interface CallFrame extends Frame
    permits CallStart, Utterance, Acoustic, SoftphoneEvent, EmotionEstimate, PromptFeedback, CallEnd {

  String callId();

  /** Per call, the first frame is 1 and each next frame exactly one more. */
  long seq();

  /** Client event time, epoch milliseconds. The scoring core takes all time from here. */
  long ts();

  /** The protocol's {@code type} value. */
  String type();
}
