package io.carepulse.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * One call's values by sequence number, in order. Frames and score points reach the store in seq order, so keeping
 * one is an append to two arrays (a TreeMap spent a boxed key, an entry and a tree walk on each, 7 % of the service's
 * CPU at 5,000 frames/s, issue 14); a seq that arrives late or twice (a retried batch) is found by binary search.
 * Not thread-safe: the store guards it.
 */
final class SeqLog<V> {

  /** Maps a kept value, with its seq, to what a reader gets. */
  interface Reading<V, R> {
    R read(long seq, V value);
  }

  private long[] seqs = new long[8];
  private Object[] values = new Object[8];
  private int size;

  /** Keeps the value under its seq unless that seq is already held; true when kept. */
  boolean putIfAbsent(long seq, V value) {
    if (size == 0 || seq > seqs[size - 1]) {
      insertAt(size, seq, value);
      return true;
    }
    int at = Arrays.binarySearch(seqs, 0, size, seq);
    if (at >= 0) {
      return false;
    }
    insertAt(-at - 1, seq, value);
    return true;
  }

  /** The highest seq held; only when something is. */
  long lastSeq() {
    if (size == 0) {
      throw new IllegalStateException("empty");
    }
    return seqs[size - 1];
  }

  /** At most {@code limit} values with a seq above {@code afterSeq}, in seq order, as {@code reading} makes them. */
  <R> List<R> after(long afterSeq, int limit, Reading<V, R> reading) {
    int from = Arrays.binarySearch(seqs, 0, size, afterSeq);
    from = from >= 0 ? from + 1 : -from - 1;
    int to = (int) Math.min(size, (long) from + Math.max(0, limit));
    List<R> out = new ArrayList<>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      out.add(reading.read(seqs[i], value(i)));
    }
    return out;
  }

  /** Drops every value the test accepts and answers them, in seq order. */
  List<V> removeIf(Predicate<V> test) {
    List<V> removed = new ArrayList<>();
    int kept = 0;
    for (int i = 0; i < size; i++) {
      V value = value(i);
      if (test.test(value)) {
        removed.add(value);
      } else {
        seqs[kept] = seqs[i];
        values[kept++] = value;
      }
    }
    Arrays.fill(values, kept, size, null);
    size = kept;
    return removed;
  }

  int size() {
    return size;
  }

  private void insertAt(int at, long seq, V value) {
    if (size == seqs.length) {
      seqs = Arrays.copyOf(seqs, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    System.arraycopy(seqs, at, seqs, at + 1, size - at);
    System.arraycopy(values, at, values, at + 1, size - at);
    seqs[at] = seq;
    values[at] = value;
    size++;
  }

  @SuppressWarnings("unchecked")
  private V value(int i) {
    return (V) values[i];
  }
}
