package io.carepulse.live;

/**
 * Decides when an applied frame may be acknowledged. PROTOCOL-v1: with a durable store, an ack means persisted; in
 * memory, it means applied. Acks of one call must be released in the order their frames were applied.
 */
@FunctionalInterface
public interface AckGate {

  /** Acks as soon as the frame is applied. */
  AckGate IMMEDIATE = (applied, ack) -> ack.run();

  /** Runs {@code ack} on the call's event loop once the frame may be acknowledged. */
  void release(CallEvent.Applied applied, Runnable ack);
}
