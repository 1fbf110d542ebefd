package io.carepulse.tools.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The generator's own stop-the-world collections, so that a pause here is never mistaken for server latency: every
 * step reports how many pauses fell in its window and the longest. (The suite also logs GC with -Xlog:gc.)
 */
final class GcPauses {

  /** Start (JVM uptime, ms) and duration (ms) of each pause. */
  private final List<long[]> pauses = new ArrayList<>();

  GcPauses() {
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      // G1's concurrent cycle runs beside the application; only the young and full collections stop it.
      if (bean.getName().contains("Concurrent") || !(bean instanceof NotificationEmitter emitter)) {
        continue;
      }
      emitter.addNotificationListener((notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
          var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
          synchronized (pauses) {
            pauses.add(new long[] {info.getStartTime(), info.getDuration()});
          }
        }
      }, null, null);
    }
  }

  static long uptimeMillis() {
    return ManagementFactory.getRuntimeMXBean().getUptime();
  }

  /** Pauses that began in [fromUptime, toUptime): count, total ms, longest ms. */
  long[] between(long fromUptime, long toUptime) {
    long count = 0;
    long total = 0;
    long max = 0;
    synchronized (pauses) {
      for (long[] pause : pauses) {
        if (pause[0] >= fromUptime && pause[0] < toUptime) {
          count++;
          total += pause[1];
          max = Math.max(max, pause[1]);
        }
      }
    }
    return new long[] {count, total, max};
  }
}
