package io.carepulse.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How this node joins its cluster: Hazelcast binds {@code host:port} and finds the others by TCP-IP at
 * {@code members} (host:port each; multicast is off). {@code lease} is how long a call's owner entry outlives its last
 * renewal, and so how soon a dead node's calls may be taken over when Hazelcast has not yet removed it.
 */
public record ClusterSettings(String host, int port, List<String> members, Duration lease) {

  /** Ten seconds: a kill -9 is seen by Hazelcast's heartbeat check in about six, so a resume succeeds within ~10 s. */
  public static final Duration LEASE = Duration.ofSeconds(10);

  public ClusterSettings {
    members = List.copyOf(members);
  }

  /** Every member to try, this one included, without repeats. */
  List<String> joinList() {
    String self = host + ":" + port;
    return members.contains(self) ? members
        : java.util.stream.Stream.concat(java.util.stream.Stream.of(self), members.stream()).toList();
  }
}
