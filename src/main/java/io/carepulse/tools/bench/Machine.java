package io.carepulse.tools.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Where and when the suite ran, for the table's heading: figures without their machine mean little. */
record Machine(String when, String cpu, int cores, String os, String java, long openFiles) {

  static Machine describe(long openFiles) {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException ignored) {
      // keep "unknown CPU"
    }
    return new Machine(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()),
        cpu, Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version"),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), openFiles);
  }

  String line() {
    return String.format("%s; %s, %d cores; %s; %s; open files %d per process", when, cpu, cores, os, java, openFiles);
  }
}
