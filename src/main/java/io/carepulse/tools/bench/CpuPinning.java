package io.carepulse.tools.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which cores the suite's JVMs may run on. On loopback the sender pays for much of the receiver's TCP work, and a
 * generator sharing the server's cores steals exactly the CPU being measured; so, with two cores or more, every server
 * (the service and the echo baseline alike) runs on core 0 and every generator on core 1, through {@code taskset}.
 * Other processes on the machine are not pinned and may still land on either core (see {@code others CPU}).
 */
record CpuPinning(String serverCpus, String generatorCpus) {

  static final CpuPinning NONE = new CpuPinning(null, null);

  /** Core 0 for servers, core 1 for generators, when there are two cores and taskset is installed; else none. */
  static CpuPinning standard() {
    if (Runtime.getRuntime().availableProcessors() < 2 || taskset() == null) {
      return NONE;
    }
    return new CpuPinning("0", "1");
  }

  boolean pinned() {
    return serverCpus != null;
  }

  /** The command prefix that runs a server on its cores (empty when unpinned). */
  List<String> server() {
    return prefix(serverCpus);
  }

  /** The command prefix that runs a generator on its cores (empty when unpinned). */
  List<String> generator() {
    return prefix(generatorCpus);
  }

  /** How the table's heading says where things ran. */
  String describe() {
    return pinned() ? "servers on core " + serverCpus + ", the generator on core " + generatorCpus + " (taskset)"
        : "the generator runs on the same cores";
  }

  private static List<String> prefix(String cpus) {
    return cpus == null ? List.of() : List.of(taskset(), "-c", cpus);
  }

  private static String taskset() {
    for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
      Path candidate = Path.of(dir, "taskset");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
