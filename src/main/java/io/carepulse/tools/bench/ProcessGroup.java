package io.carepulse.tools.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Every process with one command name — PostgreSQL's postmaster and its backends, writers and workers are all
 * {@code postgres} — so that the CPU a database spends for the service shows up beside the service's own. Read from
 * /proc like {@link ProcessMeter}. Two samples give cores in between, summed per process: one that started inside the
 * window counts from its start; one that exited inside it is missed (PostgreSQL keeps its backends for the life of
 * the service's pool, so that is an autovacuum worker at most).
 */
final class ProcessGroup {

  private final String command;

  ProcessGroup(String command) {
    this.command = command;
  }

  String command() {
    return command;
  }

  /** CPU ticks of each process of the group now. */
  Sample sample() {
    long now = System.nanoTime();
    Map<Long, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (open < 0 || close < open || !stat.substring(open + 1, close).equals(command)) {
            continue;
          }
          String[] fields = stat.substring(close + 2).split(" ");
          ticks.put(Long.parseLong(process.getFileName().toString()),
              Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException gone) {
          // the process ended while we looked
        }
      }
    } catch (IOException e) {
      // no /proc: the group reads as idle
    }
    return new Sample(now, ticks);
  }

  record Sample(long nanos, Map<Long, Long> ticks) {

    int processes() {
      return ticks.size();
    }

    double coresSince(Sample earlier) {
      double seconds = (nanos - earlier.nanos) / 1e9;
      if (seconds <= 0) {
        return 0;
      }
      long used = 0;
      for (Map.Entry<Long, Long> process : ticks.entrySet()) {
        used += Math.max(0, process.getValue() - earlier.ticks.getOrDefault(process.getKey(), 0L));
      }
      return used / ProcessMeter.TICKS_PER_SECOND / seconds;
    }
  }
}
