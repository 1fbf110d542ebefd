package io.carepulse.loadtest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench suite}: the standard performance suite. It forks every JVM itself — the service, the bare Vert.x
 * baseline, and one load generator per measurement — on 127.0.0.1, with the same JVM flags for both servers, and
 * prints one table: (a) steady load side by side, (b) the knee of each, (c) heap per idle call, (d) rows still to
 * come. Everything it did and saw is kept under {@code --out}.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
    description = "Run the standard suite (CarePulse and the bare Vert.x baseline, side by side) and print the table.")
public final class SuiteCommand implements Callable<Integer> {

  /** The knee: the highest rate whose frame->ack p99 stays under this. */
  static final double KNEE_P99_MILLIS = 50;

  /** The same for both servers, so the baseline differs from the service only in what it runs. */
  static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");
  static final List<String> GENERATOR_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  @Option(names = "--out", description = "Directory for logs, GC logs and results (default: target/bench/<time>).")
  Path out;

  @Option(names = "--quick", description = "A small version of every row (seconds, not minutes): checks the suite itself.")
  boolean quick;

  @Option(names = "--jfr", description = "Record a JFR profile of the service's latency runs (service.jfr in --out).")
  boolean jfr;

  @Option(names = "--only", description = "Run only these rows: a, b, c (comma-separated; default: all).", split = ",")
  List<String> only = List.of("a", "b", "c");

  private PrintWriter log;
  private final String secret = randomSecret();
  private final List<Row> rows = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    if (out == null) {
      out = Path.of("target", "bench", stamp);
    }
    Files.createDirectories(out);
    Scale scale = quick ? Scale.QUICK : Scale.STANDARD;
    long fdLimit = ProcessMeter.openFilesLimit();
    int idleCalls = scale.idleCalls;
    // Each idle call holds a socket in the generator and one in the server; keep well under the per-process limit.
    if (fdLimit > 0 && fdLimit < idleCalls + 1_000L) {
      idleCalls = (int) Math.max(100, fdLimit - 1_000);
    }
    Machine machine = Machine.describe(fdLimit);
    try (PrintWriter logFile = new PrintWriter(Files.newBufferedWriter(out.resolve("suite.log"), StandardCharsets.UTF_8))) {
      log = logFile;
      progress("bench suite: " + machine.line() + "; output in " + out.toAbsolutePath());
      long started = System.nanoTime();
      if (only.contains("a") || only.contains("b")) {
        latencyRows(scale);
      }
      if (only.contains("c")) {
        idleRows(idleCalls);
      }
      rows.add(Row.pending("(d) PostgreSQL persistence on, " + scale.steadyLarge + " calls x 5/s",
          "not available yet (no PostgreSQL store in the service)"));
      rows.add(Row.pending("(d) 200 supervisor sockets attached, " + scale.steadyLarge + " calls x 5/s",
          "not available yet (/v1/supervisor has just landed; the row needs a supervisor client in the generator)"));
      String table = SuiteTable.render(machine, rows, (System.nanoTime() - started) / 1e9);
      System.out.println();
      System.out.println(table);
      Files.writeString(out.resolve("table.md"), table);
      JsonArray all = new JsonArray();
      rows.forEach(row -> all.add(row.toJson()));
      Files.writeString(out.resolve("results.json"), new JsonObject().put("machine", machine.line()).put("rows", all)
          .encodePrettily());
    }
    return 0;
  }

  private void latencyRows(Scale scale) throws IOException, InterruptedException {
    List<String> serviceJvm = new ArrayList<>(SERVER_JVM);
    serviceJvm.add(gcLog("service"));
    if (jfr) {
      serviceJvm.add("-XX:StartFlightRecording=filename=" + out.resolve("service.jfr").toAbsolutePath() + ",settings=profile");
    }
    List<String> echoJvm = new ArrayList<>(SERVER_JVM);
    echoJvm.add(gcLog("echo"));
    // Both stay up through (a) and (b), and take turns, so a change in background load hits both alike.
    try (ServerUnderTest service = startService("service", serviceJvm);
         ServerUnderTest echo = startEcho("echo", echoJvm)) {
      if (only.contains("a")) {
        for (int calls : new int[] {scale.steadySmall, scale.steadyLarge}) {
          String label = String.format("(a) %,d calls x 5 frames/s", calls);
          List<String> args = List.of("--calls", Integer.toString(calls), "--rate", "5", "--warmup", scale.warmup,
              "--window", scale.window);
          rows.add(Row.steady(label, "CarePulse", measure(service, args, "a-" + calls + "-service").get(0)));
          rows.add(Row.steady(label, "echo", measure(echo, args, "a-" + calls + "-echo").get(0)));
        }
      }
      if (only.contains("b")) {
        StringBuilder rates = new StringBuilder();
        for (int total = scale.kneeFrom; total <= scale.kneeTo; total += scale.kneeStep) {
          rates.append(rates.length() == 0 ? "" : ",").append((double) total / scale.kneeCalls);
        }
        List<String> args = List.of("--calls", Integer.toString(scale.kneeCalls), "--rate", rates.toString(),
            "--warmup", scale.kneeWarmup, "--window", scale.kneeWindow, "--stop-above-p99",
            Double.toString(KNEE_P99_MILLIS));
        String label = String.format("(b) knee: %,d calls, +%,d frames/s a step, p99 < %.0f ms", scale.kneeCalls,
            scale.kneeStep, KNEE_P99_MILLIS);
        rows.add(Row.knee(label, "CarePulse", measure(service, args, "b-service")));
        rows.add(Row.knee(label, "echo", measure(echo, args, "b-echo")));
      }
    }
  }

  private void idleRows(int calls) throws IOException, InterruptedException {
    String label = String.format("(c) %,d idle calls (connected, 5 frames each, then silent)", calls);
    List<String> args = List.of("--calls", Integer.toString(calls), "--idle-frames", "5", "--hold", "120s");
    List<String> serviceJvm = new ArrayList<>(SERVER_JVM);
    serviceJvm.add(gcLog("service-idle"));
    try (ServerUnderTest service = startService("service-idle", serviceJvm)) {
      rows.add(Row.idle(label, "CarePulse", idle(service, args, calls)));
    }
    List<String> echoJvm = new ArrayList<>(SERVER_JVM);
    echoJvm.add(gcLog("echo-idle"));
    try (ServerUnderTest echo = startEcho("echo-idle", echoJvm)) {
      rows.add(Row.idle(label, "echo", idle(echo, args, calls)));
    }
  }

  /** Heap after GC and RSS with no calls, then with every call connected and idle; the difference per call. */
  private JsonObject idle(ServerUnderTest server, List<String> args, int calls) throws IOException, InterruptedException {
    awaitQuiet(server);
    long heapBefore = server.liveHeapBytes();
    long rssBefore = server.reading().rssKb();
    List<String> full = new ArrayList<>(List.of("--port", Integer.toString(server.port), "--secret", secret));
    full.addAll(args);
    progress("  " + server.name + ": " + calls + " idle calls");
    List<JsonObject> results = GeneratorRun.run(generatorJvm("c-" + server.name), full, server, log, 300, ready -> {
      Thread.sleep(1_000); // let the last acks and the server's bookkeeping settle
      long heapAfter = server.liveHeapBytes();
      ProcessMeter.Reading after = server.reading();
      int live = ready.getInteger("live");
      return ready.copy()
          .put("heapBeforeBytes", heapBefore).put("heapAfterBytes", heapAfter)
          .put("heapPerCallBytes", live == 0 ? 0 : (heapAfter - heapBefore) / live)
          .put("rssBeforeKb", rssBefore).put("rssAfterKb", after.rssKb())
          .put("rssPerCallKb", live == 0 ? 0 : GeneratorRun.round((after.rssKb() - rssBefore) / (double) live))
          .put("serverRssMb", GeneratorRun.round(after.rssKb() / 1024.0));
    });
    JsonObject result = results.isEmpty() ? new JsonObject().put("failed", "no idle result") : results.get(0);
    progress("  " + server.name + ": " + result.encode());
    return result;
  }

  private List<JsonObject> measure(ServerUnderTest server, List<String> args, String name)
      throws IOException, InterruptedException {
    double waited = awaitQuiet(server);
    List<String> full = new ArrayList<>(List.of("--port", Integer.toString(server.port), "--secret", secret));
    full.addAll(args);
    progress("  " + server.name + " " + String.join(" ", args));
    List<JsonObject> results = GeneratorRun.run(generatorJvm(name), full, server, log, 600);
    for (JsonObject result : results) {
      result.put("waitedForQuietSeconds", waited);
      progress("    " + LoadGenerator.summary(result) + String.format(" | server %.2f cores, %.0f MB; others %.2f cores",
          result.getDouble("serverCpuCores", 0.0), result.getDouble("serverRssMb", 0.0),
          result.getDouble("otherCpuCores", 0.0)));
    }
    if (results.isEmpty()) {
      throw new IOException("the generator reported nothing; see " + out.resolve("suite.log"));
    }
    return results;
  }

  /**
   * The box may be shared: waits (at most 30 s) until processes other than ours use under a third of a core, so a
   * neighbour's build does not land in one row and not the other. What was left is reported per row.
   */
  private double awaitQuiet(ServerUnderTest... ours) throws InterruptedException {
    long start = System.nanoTime();
    while (System.nanoTime() - start < 30_000_000_000L) {
      ProcessMeter.Reading machine = ProcessMeter.machine();
      List<ProcessMeter.Reading> before = new ArrayList<>();
      for (ServerUnderTest server : ours) {
        before.add(server.reading());
      }
      Thread.sleep(1_000);
      double others = ProcessMeter.machine().coresSince(machine);
      for (int i = 0; i < ours.length; i++) {
        others -= ours[i].reading().coresSince(before.get(i));
      }
      if (others < 0.33) {
        break;
      }
      progress(String.format("  waiting for a quieter machine: others use %.2f cores", others));
    }
    return GeneratorRun.round((System.nanoTime() - start) / 1e9 - 1);
  }

  private ServerUnderTest startService(String name, List<String> jvm) throws IOException, InterruptedException {
    int port = freePort();
    return ServerUnderTest.start(name, port, jvm, List.of("serve"), Map.of(
        "CAREPULSE_JWT_SECRET", secret,
        "CAREPULSE_HTTP_HOST", "127.0.0.1",
        "CAREPULSE_HTTP_PORT", Integer.toString(port)), out.resolve(name + ".log"));
  }

  private ServerUnderTest startEcho(String name, List<String> jvm) throws IOException, InterruptedException {
    int port = freePort();
    return ServerUnderTest.start(name, port, jvm, List.of("bench", "echo", "--port", Integer.toString(port)), Map.of(),
        out.resolve(name + ".log"));
  }

  private List<String> generatorJvm(String name) {
    List<String> jvm = new ArrayList<>(GENERATOR_JVM);
    jvm.add(gcLog("generator-" + name));
    return jvm;
  }

  private String gcLog(String name) {
    return "-Xlog:gc:file=" + out.resolve(name + "-gc.log").toAbsolutePath() + ":uptime";
  }

  private void progress(String line) {
    System.out.println(line);
    System.out.flush();
    log.println(line);
    log.flush();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Sizes of the suite: the standard one, and a quick one that only checks the machinery. */
  enum Scale {
    STANDARD(1_000, 5_000, "5s", "10s", 5_000, 10_000, 50_000, 5_000, "3s", "5s", 10_000),
    QUICK(50, 200, "2s", "3s", 200, 1_000, 3_000, 1_000, "2s", "2s", 500);

    final int steadySmall;
    final int steadyLarge;
    final String warmup;
    final String window;
    final int kneeCalls;
    final int kneeFrom;
    final int kneeTo;
    final int kneeStep;
    final String kneeWarmup;
    final String kneeWindow;
    final int idleCalls;

    Scale(int steadySmall, int steadyLarge, String warmup, String window, int kneeCalls, int kneeFrom, int kneeTo,
          int kneeStep, String kneeWarmup, String kneeWindow, int idleCalls) {
      this.steadySmall = steadySmall;
      this.steadyLarge = steadyLarge;
      this.warmup = warmup;
      this.window = window;
      this.kneeCalls = kneeCalls;
      this.kneeFrom = kneeFrom;
      this.kneeTo = kneeTo;
      this.kneeStep = kneeStep;
      this.kneeWarmup = kneeWarmup;
      this.kneeWindow = kneeWindow;
      this.idleCalls = idleCalls;
    }
  }
}
