package io.carepulse.live;

/**
 * Decides when an applied frame may be acknowledged. protocol v1 (docs/protocol.md): with a durable store, an ack means persisted; in
 * memory, it means applied. Acks of one call must be released in the order their frames were applied.
 */
@FunctionalInterface
public interface AckGate {

  /** Acks as soon as the frame is applied. */
  AckGate IMMEDIATE = (applied, ack) -> ack.run();

  /** Runs {@code ack} on the call's event loop once the frame may be acknowledged. */
  void release(CallEvent.Applied applied, Runnable ack);

  /**
   * Runs {@code ack} — the answer to a resent frame that was already applied — no earlier than every ack released
   * before it: it names the last applied seq, which with a durable store may not be persisted yet.
   */
  default void repeat(Runnable ack) {
    ack.run();
  }

  /**
   * Whether a new frame may be applied now. A durable store's gate says no while its bounded queue is full; the frame
   * is then refused with {@code store_unavailable} rather than applied and lost (protocol v1 (docs/protocol.md): nothing acked is lost).
   */
  default boolean accepting() {
    return true;
  }
}
