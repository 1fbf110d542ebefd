package io.carepulse.live;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The most recent ended calls, bounded: the oldest is forgotten first. Shared by every event loop; each access is a
 * short map operation, so a monitor is simpler and cheaper here than anything clever. Call state proper never lives
 * here — only what remains once a call is over.
 */
public final class EndedCalls {

  private final int capacity;
  private final LinkedHashMap<String, EndedCall> calls;

  public EndedCalls(int capacity) {
    this.capacity = capacity;
    this.calls = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, EndedCall> eldest) {
        return size() > EndedCalls.this.capacity;
      }
    };
  }

  public synchronized void add(EndedCall call) {
    if (capacity > 0) {
      calls.put(call.callId(), call);
    }
  }

  public synchronized Optional<EndedCall> find(String callId) {
    return Optional.ofNullable(calls.get(callId));
  }

  /** Newest first. */
  public synchronized List<EndedCall> recent(int limit) {
    List<EndedCall> all = new ArrayList<>(calls.values());
    List<EndedCall> newest = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(all.get(i));
    }
    return newest;
  }

  public synchronized int size() {
    return calls.size();
  }
}
