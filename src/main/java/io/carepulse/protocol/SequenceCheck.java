package io.carepulse.protocol;

/**
 * The sequence rules of protocol v1 (docs/protocol.md) for one call: the next frame must be exactly one more than the last applied;
 * anything at or below it is a duplicate (acknowledged again, never applied twice); anything above it is a gap.
 */
public final class SequenceCheck {

  public enum Verdict { APPLY, DUPLICATE, GAP }

  private long lastApplied;

  public SequenceCheck(long lastApplied) {
    this.lastApplied = lastApplied;
  }

  public Verdict check(long seq) {
    if (seq <= lastApplied) {
      return Verdict.DUPLICATE;
    }
    return seq == lastApplied + 1 ? Verdict.APPLY : Verdict.GAP;
  }

  /** Records that {@code seq}, which {@link #check} allowed, has been applied. */
  public void applied(long seq) {
    if (seq != lastApplied + 1) {
      throw new IllegalStateException("applied " + seq + " after " + lastApplied);
    }
    lastApplied = seq;
  }

  public long lastApplied() {
    return lastApplied;
  }

  public long expected() {
    return lastApplied + 1;
  }
}
