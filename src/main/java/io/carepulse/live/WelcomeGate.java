package io.carepulse.live;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds what a connection's calls send while one of its hellos is being answered, so that the welcome, which tells the
 * client where each resumed call stands, is the first thing the client reads about them. A resumed call attaches to
 * the socket before the welcome goes out (its {@code nextSeq} is read where its frames are applied), and an ack the
 * store releases meanwhile would otherwise overtake the welcome. Thread-safe: calls send from their own loops.
 */
final class WelcomeGate {

  /** Hellos being answered; written under the lock, read without it on the hot path. */
  private volatile int answering;
  private final List<Runnable> held = new ArrayList<>();

  /** From the connection's loop, before the hello's calls attach. */
  synchronized void opened() {
    answering++;
  }

  /** Cheap check before {@link #hold}: false means write now. */
  boolean answering() {
    return answering > 0;
  }

  /** Keeps {@code write} for after the welcome; false if no hello is being answered any more (write it now). */
  synchronized boolean hold(Runnable write) {
    if (answering == 0) {
      return false;
    }
    held.add(write);
    return true;
  }

  /** Writes the welcome, then, once no other hello is being answered, everything held, in the order it was sent. */
  synchronized void welcome(Runnable writeWelcome) {
    writeWelcome.run();
    if (answering == 1) {
      held.forEach(Runnable::run);
      held.clear();
    }
    answering--;
  }
}
