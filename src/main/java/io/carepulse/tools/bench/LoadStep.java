package io.carepulse.tools.bench;

/**
 * One rate of a run: from {@code startNanos} every call sends {@code ratePerCall} frames a second; frames due in
 * [{@code windowStart}, {@code windowEnd}) are measured, the ones before are warm-up.
 */
record LoadStep(int id, double ratePerCall, long startNanos, long windowStart, long windowEnd) {

  boolean windowContains(long nanos) {
    return nanos >= windowStart && nanos < windowEnd;
  }
}
