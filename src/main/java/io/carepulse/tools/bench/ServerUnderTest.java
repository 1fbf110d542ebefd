package io.carepulse.tools.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server JVM the suite forks — the service ({@code serve}) or the baseline ({@code bench echo}) — and measures. */
final class ServerUnderTest implements AutoCloseable {

  private static final long STARTUP_SECONDS = 180;

  final String name;
  final int port;
  private final Process process;

  private ServerUnderTest(String name, int port, Process process) {
    this.name = name;
    this.port = port;
    this.process = process;
  }

  /** Starts {@code <prefix> java <jvmFlags> <main> <args>} with {@code env}, output to {@code log}; waits for the port. */
  static ServerUnderTest start(String name, int port, List<String> prefix, List<String> jvmFlags, List<String> args,
                               Map<String, String> env, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Launch.java(prefix, jvmFlags));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    ServerUnderTest server = new ServerUnderTest(name, port, builder.start());
    try {
      server.awaitListening();
    } catch (IOException | InterruptedException | RuntimeException e) {
      server.close(); // never leave a server running that nobody will stop
      throw e;
    }
    return server;
  }

  long pid() {
    return process.pid();
  }

  ProcessMeter.Reading reading() {
    return ProcessMeter.process(pid());
  }

  /** Its JIT compiler threads' CPU so far. */
  ProcessMeter.Reading compilers() {
    return ProcessMeter.compilers(pid());
  }

  /**
   * Bytes of live objects on the heap: {@code jcmd GC.class_histogram} runs a full collection first and then sums
   * every live instance, so this is the heap after GC, exactly, without the free space G1 keeps.
   */
  long liveHeapBytes() throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Launch.tool("jcmd"), Long.toString(pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    jcmd.waitFor(60, TimeUnit.SECONDS);
    for (String line : output.lines().toList()) {
      if (line.startsWith("Total")) {
        String[] fields = line.trim().split("\\s+");
        return Long.parseLong(fields[2]);
      }
    }
    throw new IOException("jcmd GC.class_histogram gave no total: " + output.lines().limit(3).toList());
  }

  private void awaitListening() throws IOException, InterruptedException {
    // A JVM can take well over a minute to start on a busy two-core machine.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STARTUP_SECONDS);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(name + " exited with status " + process.exitValue() + " before listening");
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IOException(name + " did not listen on port " + port + " within " + STARTUP_SECONDS + " s");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
