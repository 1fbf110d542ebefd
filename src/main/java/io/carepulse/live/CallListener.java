package io.carepulse.live;

/**
 * Hears every {@link CallEvent}. Called on the call's event loop, on the live path: it must not block and should only
 * record or enqueue. An exception it throws is logged and does not disturb the call.
 */
@FunctionalInterface
public interface CallListener {

  void on(CallEvent event);
}
