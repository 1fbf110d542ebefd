package io.carepulse.tools.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for the JVMs the suite forks: the same java, the same class path (the jar), the real main. */
final class Launch {

  private Launch() {
  }

  /** {@code prefix} runs the JVM on chosen cores (see {@link CpuPinning}); empty for none. */
  static List<String> java(List<String> prefix, List<String> jvmFlags) {
    List<String> command = new ArrayList<>(prefix);
    command.add(tool("java"));
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.carepulse.app.Main");
    return command;
  }

  static String tool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }
}
