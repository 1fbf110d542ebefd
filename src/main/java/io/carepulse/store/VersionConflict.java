package io.carepulse.store;

/** A write expected another version than the stored one (optimistic concurrency); nothing was written. */
public final class VersionConflict extends RuntimeException {

  private final long currentVersion;

  public VersionConflict(String what, long expected, long current) {
    super(what + " is at version " + current + ", not " + expected, null, false, false);
    this.currentVersion = current;
  }

  /** 0 when nothing is stored yet. */
  public long currentVersion() {
    return currentVersion;
  }
}
