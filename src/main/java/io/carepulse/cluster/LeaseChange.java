package io.carepulse.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The changes to a call's lease, each applied atomically by Hazelcast on the member holding the entry (an entry
 * processor), so a claim and a renewal never interleave with another node's.
 */
final class LeaseChange {

  private LeaseChange() {
  }

  /**
   * Takes the entry for {@code node} when it is free, already {@code node}'s, or held by a node not among
   * {@code members} (dead); answers the owner afterwards.
   */
  record Claim(String node, List<String> members, long leaseMillis) implements EntryProcessor<String, String, String> {

    @Override
    public String process(Map.Entry<String, String> entry) {
      String owner = entry.getValue();
      if (owner == null || owner.equals(node) || !members.contains(owner)) {
        ((ExtendedMapEntry<String, String>) entry).setValue(node, leaseMillis, TimeUnit.MILLISECONDS);
        return node;
      }
      return owner;
    }
  }

  /** Extends {@code node}'s lease; answers false when the entry is no longer {@code node}'s. */
  record Renew(String node, long leaseMillis) implements EntryProcessor<String, String, Boolean> {

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
      if (!node.equals(entry.getValue())) {
        return false;
      }
      ((ExtendedMapEntry<String, String>) entry).setValue(node, leaseMillis, TimeUnit.MILLISECONDS);
      return true;
    }
  }

  /** Removes the entry if it is still {@code node}'s. */
  record Release(String node) implements EntryProcessor<String, String, Boolean> {

    @Override
    public Boolean process(Map.Entry<String, String> entry) {
      if (!node.equals(entry.getValue())) {
        return false;
      }
      entry.setValue(null);
      return true;
    }
  }
}
