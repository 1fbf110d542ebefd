package io.carepulse.tools.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bench load} JVM forked by the suite. While it runs, the suite samples the server and the machine at the
 * generator's own {@code WINDOW-START}/{@code WINDOW-END} marks, so server CPU is measured over exactly the window the
 * latencies come from. Each result line comes back with those readings added.
 */
final class GeneratorRun {

  private GeneratorRun() {
  }

  /** Runs to the end; returns each step's result with server, generator and machine readings over its window. */
  static List<JsonObject> run(List<String> prefix, List<String> jvmFlags, List<String> args, ServerUnderTest server,
                              PrintWriter log, long timeoutSeconds) throws IOException, InterruptedException {
    return run(prefix, jvmFlags, args, server, null, log, timeoutSeconds, null);
  }

  /** The same, also reading the {@code database}'s processes over each window ({@code databaseCpuCores}). */
  static List<JsonObject> run(List<String> prefix, List<String> jvmFlags, List<String> args, ServerUnderTest server,
                              ProcessGroup database, PrintWriter log, long timeoutSeconds)
      throws IOException, InterruptedException {
    return run(prefix, jvmFlags, args, server, database, log, timeoutSeconds, null);
  }

  /** Called when an idle run reports ready; the generator is released (and ends its calls) once it returns. */
  interface WhenIdle {
    JsonObject measure(JsonObject ready) throws IOException, InterruptedException;
  }

  /** {@code prefix} runs the generator on its cores (see {@link CpuPinning}); empty for none. */
  static List<JsonObject> run(List<String> prefix, List<String> jvmFlags, List<String> args, ServerUnderTest server,
                              ProcessGroup database, PrintWriter log, long timeoutSeconds, WhenIdle whenIdle)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(Launch.java(prefix, jvmFlags));
    command.add("bench");
    command.add("load");
    command.addAll(args);
    log.println("$ " + String.join(" ", command));
    log.flush();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<JsonObject> results = new ArrayList<>();
    Thread watchdog = new Thread(() -> {
      try {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          log.println("generator exceeded " + timeoutSeconds + " s: stopped");
          process.destroyForcibly();
        }
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }, "bench-generator-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    ProcessMeter.Reading serverStart = null;
    ProcessMeter.Reading compilersStart = null;
    ProcessMeter.Reading generatorStart = null;
    ProcessMeter.Reading machineStart = null;
    ProcessGroup.Sample databaseStart = null;
    JsonObject pending = null;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         OutputStream toGenerator = process.getOutputStream()) {
      String line;
      while ((line = lines.readLine()) != null) {
        log.println(line);
        log.flush();
        if (line.startsWith("WINDOW-START")) {
          serverStart = server.reading();
          compilersStart = server.compilers();
          generatorStart = ProcessMeter.process(process.pid());
          machineStart = ProcessMeter.machine();
          databaseStart = database == null ? null : database.sample();
        } else if (line.startsWith("WINDOW-END") && serverStart != null) {
          ProcessMeter.Reading serverEnd = server.reading();
          ProcessMeter.Reading generatorEnd = ProcessMeter.process(process.pid());
          ProcessMeter.Reading machineEnd = ProcessMeter.machine();
          ProcessGroup.Sample databaseEnd = database == null ? null : database.sample();
          double serverCores = serverEnd.coresSince(serverStart);
          double generatorCores = generatorEnd.coresSince(generatorStart);
          double databaseCores = databaseEnd == null ? 0 : databaseEnd.coresSince(databaseStart);
          pending = new JsonObject()
              .put("serverCpuCores", round(serverCores))
              .put("serverCompilerCpuCores", round(server.compilers().coresSince(compilersStart)))
              .put("serverRssMb", round(serverEnd.rssKb() / 1024.0))
              .put("generatorCpuCores", round(generatorCores))
              .put("otherCpuCores", round(Math.max(0, machineEnd.coresSince(machineStart) - serverCores - generatorCores
                  - databaseCores)));
          if (databaseEnd != null) {
            pending.put("databaseCpuCores", round(databaseCores)).put("databaseProcesses", databaseEnd.processes());
          }
        } else if (line.startsWith("RESULT ")) {
          JsonObject result = new JsonObject(line.substring("RESULT ".length()));
          if (pending != null) {
            result.mergeIn(pending);
          }
          results.add(result);
          pending = null;
        } else if (line.startsWith("IDLE-READY ") && whenIdle != null) {
          JsonObject measured = whenIdle.measure(new JsonObject(line.substring("IDLE-READY ".length())));
          results.add(measured);
          toGenerator.write("done\n".getBytes(StandardCharsets.UTF_8));
          toGenerator.flush();
        }
      }
    }
    process.waitFor(30, TimeUnit.SECONDS);
    watchdog.interrupt();
    return results;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
