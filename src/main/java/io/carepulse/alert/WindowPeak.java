package io.carepulse.alert;

/**
 * The highest score of a sliding window of call time, and when it was first reached. The sharp-drop rule asked this
 * of every score update by walking every point of the window (one {@code long[]} each): 5 % of the service's CPU at
 * 5,000 frames/s (issue 14). Kept here as a monotonic queue in two primitive rings: a point is dropped once a later
 * point is strictly higher, since it can never be the peak again; of equal scores the earliest stays, as the walk
 * found it. Times must not decrease. Not thread-safe.
 */
final class WindowPeak {

  private long[] times = new long[16];
  private int[] scores = new int[16];
  /** Index of the oldest kept point; the ring holds {@code size} points from there. */
  private int head;
  private int size;

  /** Forgets the points more than {@code windowMs} older than {@code now}. */
  void expire(long now, long windowMs) {
    while (size > 0 && now - times[head] > windowMs) {
      head = (head + 1) & (times.length - 1);
      size--;
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The window's highest score; only when not empty. */
  int score() {
    return scores[head];
  }

  /** When the window's highest score was first reached; only when not empty. */
  long time() {
    return times[head];
  }

  void add(long time, int score) {
    while (size > 0 && scores[last()] < score) {
      size--;
    }
    if (size == times.length) {
      grow();
    }
    int at = (head + size) & (times.length - 1);
    times[at] = time;
    scores[at] = score;
    size++;
  }

  void clear() {
    head = 0;
    size = 0;
  }

  private int last() {
    return (head + size - 1) & (times.length - 1);
  }

  /** Doubles the rings, oldest point first (the length stays a power of two for the index masks). */
  private void grow() {
    long[] newTimes = new long[times.length * 2];
    int[] newScores = new int[times.length * 2];
    for (int i = 0; i < size; i++) {
      int from = (head + i) & (times.length - 1);
      newTimes[i] = times[from];
      newScores[i] = scores[from];
    }
    times = newTimes;
    scores = newScores;
    head = 0;
  }
}
