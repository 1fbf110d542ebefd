package io.carepulse.tools.bench;

import java.util.List;

/**
 * The garbage collector both servers of a suite run with. The tail of the ack latency on one pinned core is mostly
 * young-collection pauses, so the collector is a variable the suite compares, always the same for the service and
 * the echo baseline.
 */
enum Collector {
  G1("-XX:+UseG1GC"),
  ZGC("-XX:+UseZGC"),
  SERIAL("-XX:+UseSerialGC");

  final List<String> flags;

  Collector(String... flags) {
    this.flags = List.of(flags);
  }
}
