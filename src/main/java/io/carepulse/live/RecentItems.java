package io.carepulse.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest {@code capacity} items of a call's history (transcript lines, score points, prompts, ...), each with an
 * absolute index so a reader can ask for "everything after what I already have". Written on the call's event loop and
 * read from supervisors' loops: the lock is held only to append or copy a few hundred references, never across I/O.
 */
final class RecentItems<T> {

  private final int capacity;
  private final ArrayDeque<T> items;
  private long next;

  RecentItems(int capacity) {
    this.capacity = capacity;
    this.items = new ArrayDeque<>(capacity);
  }

  synchronized void add(T item) {
    if (items.size() == capacity) {
      items.pollFirst();
    }
    items.addLast(item);
    next++;
  }

  /** Items with index ≥ {@code from} that are still held (older ones are gone), and the index to ask from next time. */
  synchronized Slice<T> since(long from) {
    long first = next - items.size();
    long skip = Math.max(0, from - first);
    List<T> out = new ArrayList<>((int) Math.max(0, items.size() - skip));
    long i = 0;
    for (T item : items) {
      if (i++ >= skip) {
        out.add(item);
      }
    }
    return new Slice<>(out, next);
  }

  synchronized long next() {
    return next;
  }

  record Slice<T>(List<T> items, long next) {
  }
}
