package io.carepulse.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, and the busy time of the whole machine, read from /proc (Linux). Two
 * readings give cores used in between; the machine's busy time minus our own processes' is the load from anything
 * else on the box, reported so that a noisy neighbour is visible in the figures.
 */
final class ProcessMeter {

  /** USER_HZ: /proc reports CPU times in clock ticks of 1/100 s on Linux. */
  static final double TICKS_PER_SECOND = 100.0;

  private ProcessMeter() {
  }

  record Reading(long nanos, long cpuTicks, long rssKb) {

    double coresSince(Reading earlier) {
      double seconds = (nanos - earlier.nanos) / 1e9;
      return seconds <= 0 ? 0 : (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
    }
  }

  static Reading process(long pid) {
    long now = System.nanoTime();
    try {
      long ticks = cpuTicks(Path.of("/proc", Long.toString(pid), "stat"));
      long rss = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new Reading(now, ticks, rss);
    } catch (IOException | RuntimeException e) {
      return new Reading(now, 0, 0);
    }
  }

  /**
   * CPU of the process's JIT compiler threads ("C1/C2 CompilerThread…"): a server still compiling its hot path spends
   * a share of its core on that, which is warm-up, not the cost of a frame.
   */
  static Reading compilers(long pid) {
    long now = System.nanoTime();
    long ticks = 0;
    try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          if (!Files.readString(task.resolve("comm")).matches("C[12] Compiler.*\\s*")) {
            continue;
          }
          ticks += cpuTicks(task.resolve("stat"));
        } catch (IOException | RuntimeException threadEnded) {
          // a compiler thread that ended between the listing and the read
        }
      }
    } catch (IOException | RuntimeException e) {
      return new Reading(now, 0, 0);
    }
    return new Reading(now, ticks, 0);
  }

  /** User plus system time of a process or thread, from its {@code stat} file. */
  private static long cpuTicks(Path stat) throws IOException {
    String text = Files.readString(stat);
    // Fields after the command name, which is in parentheses and may contain spaces.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** The machine's busy ticks (all CPUs, everything but idle and iowait). */
  static Reading machine() {
    long now = System.nanoTime();
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(cpu[i]);
        }
      }
      return new Reading(now, busy, 0);
    } catch (IOException | RuntimeException e) {
      return new Reading(now, 0, 0);
    }
  }

  /** The soft limit on open files of this process (its children inherit it). */
  static long openFilesLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through
    }
    return -1;
  }
}
