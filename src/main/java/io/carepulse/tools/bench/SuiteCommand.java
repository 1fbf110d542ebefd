package io.carepulse.tools.bench;

import io.carepulse.console.Progress;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench suite}: the standard performance suite. It forks every JVM itself — the service, the bare Vert.x
 * baseline, and one load generator per measurement — on 127.0.0.1, with the same JVM flags for both servers, and
 * prints one table: (a) steady load side by side, (b) the knee of each, (c) heap per idle call, (d) the (a) load with
 * 200 supervisor dashboards attached (d2) and with PostgreSQL persistence on (d1). Everything it did and saw is kept
 * under {@code --out}.
 */
@Command(name = "suite", mixinStandardHelpOptions = true,
    description = "Run the standard suite (CarePulse and the bare Vert.x baseline, side by side) and print the table.")
public final class SuiteCommand implements Callable<Integer> {

  /** The knee: the highest rate whose frame->ack p99 stays under this. */
  static final double KNEE_P99_MILLIS = 50;
  /** A server counts as warm when its JIT compilers use less than this over a warm-up run. */
  static final double WARM_COMPILER_CORES = 0.05;

  /**
   * The same heap for both servers (and the same collector, {@code --gc}): they differ only in what they run. Touched
   * at start: on a VM whose memory the host backs lazily, the first touch of each heap page is a fault that costs the
   * servers' own CPU and lands in GC pauses (measured: ack p99 698 ms without, 127 ms with, on the same load).
   */
  static final List<String> SERVER_HEAP = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
  static final List<String> GENERATOR_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

  @Option(names = "--out", description = "Directory for logs, GC logs and results (default: target/bench/<time>).")
  Path out;

  @Option(names = "--quick", description = "A small version of every row (seconds, not minutes): checks the suite itself.")
  boolean quick;

  @Option(names = "--jfr", description = "Record a JFR profile of the service's latency runs (service.jfr in --out).")
  boolean jfr;

  @Option(names = "--only", split = ",",
      description = "Run only these rows: a, b, c, d (or d1, d2, d3) (comma-separated; default: all).")
  List<String> only = List.of("a", "b", "c", "d");

  @Option(names = "--pg-url", defaultValue = "${env:CAREPULSE_BENCH_PG_URL:-postgresql://postgres@127.0.0.1:5432/test}",
      description = "PostgreSQL for row (d1); the suite creates a schema of its own there and drops it afterwards "
          + "(default: $CAREPULSE_BENCH_PG_URL or ${DEFAULT-VALUE}).")
  String pgUrl;

  @Option(names = "--pin", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "With two cores or more, run the servers on core 0 and the generators on core 1 (taskset); "
          + "--no-pin lets them share (default: pinned).")
  boolean pin;

  @Option(names = "--gc", defaultValue = "G1",
      description = "Garbage collector of both servers: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Collector gc = Collector.G1;

  private CpuPinning pinning = CpuPinning.NONE;
  private Scale scale = Scale.STANDARD;
  private final Set<ServerUnderTest> warmed = new HashSet<>();
  private PrintWriter log;
  private final String secret = randomSecret();
  private final List<Row> rows = new ArrayList<>();
  /** One step per generator run (a measured or skipped row): the suite's count and time left on a terminal. */
  private Progress bar = Progress.none();

  @Override
  public Integer call() throws Exception {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    if (out == null) {
      out = Path.of("target", "bench", stamp);
    }
    Files.createDirectories(out);
    scale = quick ? Scale.QUICK : Scale.STANDARD;
    long fdLimit = ProcessMeter.openFilesLimit();
    int idleCalls = scale.idleCalls;
    // Each idle call holds a socket in the generator and one in the server; keep well under the per-process limit.
    if (fdLimit > 0 && fdLimit < idleCalls + 1_000L) {
      idleCalls = (int) Math.max(100, fdLimit - 1_000);
    }
    pinning = pin ? CpuPinning.standard() : CpuPinning.NONE;
    Machine machine = Machine.describe(fdLimit);
    try (PrintWriter logFile = new PrintWriter(Files.newBufferedWriter(out.resolve("suite.log"), StandardCharsets.UTF_8))) {
      log = logFile;
      bar = Progress.of("bench suite", plannedRuns(), "runs");
      progress("bench suite: " + machine.line() + "; output in " + out.toAbsolutePath());
      long started = System.nanoTime();
      if (runs("a") || runs("b")) {
        latencyRows();
      }
      if (runs("c")) {
        idleRows(idleCalls);
      }
      // Supervisors first: the PostgreSQL rows leave the database checkpointing and vacuuming for a while after.
      if (runs("d2")) {
        supervisedRows();
      }
      if (runs("d1")) {
        persistedRows(stamp);
      }
      if (runs("d3")) {
        clusteredRows();
      }
      bar.close();
      String warmUp = String.format(Locale.ROOT, "each warmed first at the (a) load, unmeasured, until its JIT "
          + "compilers used under %.2f cores (at most %d runs of %s)", WARM_COMPILER_CORES, scale.warmRuns,
          scale.warmWindow);
      String table = SuiteTable.render(machine, String.join(" ", serverJvm()), warmUp, pinning, rows,
          (System.nanoTime() - started) / 1e9);
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

  private void latencyRows() throws IOException, InterruptedException {
    List<String> serviceJvm = serverJvm();
    serviceJvm.add(gcLog("service"));
    if (jfr) {
      serviceJvm.add("-XX:StartFlightRecording=filename=" + out.resolve("service.jfr").toAbsolutePath() + ",settings=profile");
    }
    List<String> echoJvm = serverJvm();
    echoJvm.add(gcLog("echo"));
    // Both stay up through (a) and (b), and take turns, so a change in background load hits both alike.
    try (ServerUnderTest service = startService("service", serviceJvm);
         ServerUnderTest echo = startEcho("echo", echoJvm)) {
      if (only.contains("a")) {
        for (int calls : new int[] {scale.steadySmall, scale.steadyLarge}) {
          String label = String.format("(a) %,d calls x 5 frames/s", calls);
          List<String> args = List.of("--calls", Integer.toString(calls), "--rate", "5", "--warmup", scale.warmup,
              "--window", scale.window);
          rows.add(Row.steady(label, "CarePulse", measure(service, null, args, "a-" + calls + "-service").get(0)));
          rows.add(Row.steady(label, "echo", measure(echo, null, args, "a-" + calls + "-echo").get(0)));
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
        rows.add(Row.knee(label, "CarePulse", measure(service, null, args, "b-service")));
        rows.add(Row.knee(label, "echo", measure(echo, null, args, "b-echo")));
      }
    }
  }

  /** Generator runs the selected rows take: what the progress bar counts to. */
  private int plannedRuns() {
    int runs = 0;
    if (only.contains("a")) {
      runs += 4;
    }
    if (only.contains("b")) {
      runs += 2;
    }
    if (runs("c")) {
      runs += 2;
    }
    if (runs("d2")) {
      runs += scale.variantCalls.length;
    }
    if (runs("d1")) {
      runs += scale.variantCalls.length;
    }
    if (runs("d3")) {
      runs += scale.variantCalls.length;
    }
    return runs;
  }

  private boolean runs(String row) {
    return only.contains(row) || row.startsWith("d") && only.contains("d");
  }

  /** (d2) The (a) load with supervisor dashboards attached, each watching one team, on a service of its own. */
  private void supervisedRows() throws IOException, InterruptedException {
    List<String> jvm = serverJvm();
    jvm.add(gcLog("service-supervised"));
    try (ServerUnderTest service = startService("service-supervised", jvm, Map.of())) {
      for (int calls : scale.variantCalls) {
        String label = String.format("(d2) %,d calls x 5 frames/s, %d supervisors attached (teams of %d calls)", calls,
            scale.supervisors, scale.callsPerTeam);
        List<String> args = List.of("--calls", Integer.toString(calls), "--rate", "5", "--warmup", scale.warmup,
            "--window", scale.window, "--supervisors", Integer.toString(scale.supervisors), "--calls-per-team",
            Integer.toString(scale.callsPerTeam));
        rows.add(Row.variant(label, "CarePulse + supervisors",
            measure(service, null, args, "d2-" + calls + "-service").get(0)));
      }
    }
  }

  /**
   * (d1) The (a) load with PostgreSQL persistence on: the service's history goes to a schema created for this run and
   * dropped after it. PostgreSQL's own CPU is read over each window beside the service's. When the server cannot be
   * reached, the rows say so and the suite goes on.
   */
  private void persistedRows(String stamp) throws IOException, InterruptedException {
    List<String> labels = new ArrayList<>();
    for (int calls : scale.variantCalls) {
      labels.add(String.format("(d1) %,d calls x 5 frames/s, PostgreSQL on (ack = persisted)", calls));
    }
    HistorySchema schema;
    try {
      schema = HistorySchema.create(pgUrl, stamp);
    } catch (HistorySchema.Unreachable e) {
      progress("  PostgreSQL not reachable at " + withoutPassword(pgUrl) + ": " + e.getMessage());
      for (int i = 0; i < labels.size(); i++) {
        bar.step();
        rows.add(Row.skipped(labels.get(i), scale.variantCalls[i], "skipped: PostgreSQL not reachable at "
            + withoutPassword(pgUrl) + " (" + e.getMessage() + ")"));
      }
      return;
    }
    try (schema) {
      progress("  PostgreSQL: schema " + schema.name() + " on " + withoutPassword(pgUrl) + " (dropped at the end)");
      List<String> jvm = serverJvm();
      jvm.add(gcLog("service-pg"));
      ServerUnderTest service;
      try {
        service = startService("service-pg", jvm, Map.of("CAREPULSE_PG_URL", schema.serviceUrl()));
      } catch (IOException e) {
        for (int i = 0; i < labels.size(); i++) {
          bar.step();
          rows.add(Row.skipped(labels.get(i), scale.variantCalls[i], "failed: the service did not start with "
              + "PostgreSQL (" + e.getMessage() + "; see " + out.resolve("service-pg.log") + ")"));
        }
        return;
      }
      try (service) {
        ProcessGroup postgres = new ProcessGroup("postgres");
        for (int i = 0; i < labels.size(); i++) {
          int calls = scale.variantCalls[i];
          List<String> args = List.of("--calls", Integer.toString(calls), "--rate", "5", "--warmup", scale.warmup,
              "--window", scale.window);
          JsonObject result = measure(service, postgres, args, "d1-" + calls + "-service").get(0);
          // What reached the database so far (all rows of this service): a check that ack really meant persisted.
          result.put("framesPersistedSoFar", schema.rows("frames"));
          progress("    frames in " + schema.name() + " so far: " + result.getLong("framesPersistedSoFar"));
          rows.add(Row.variant(labels.get(i), "CarePulse + PostgreSQL", result));
        }
      }
    }
  }

  /**
   * (d3) The (a) load spread over two clustered nodes (docs/cluster.md), in memory: half the calls through each node,
   * two generators at once, each call owned by the node it started on. Read beside the (a) row with as many calls:
   * the server CPU of both nodes together against one node's is the cluster's cost per frame (Hazelcast, a lease per
   * call, the supervisor feed's batches), the latencies are the worse node's.
   */
  private void clusteredRows() throws IOException, InterruptedException {
    int[] clusterPorts = {freePort(), freePort()};
    String members = "127.0.0.1:" + clusterPorts[0] + ",127.0.0.1:" + clusterPorts[1];
    List<ServerUnderTest> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        List<String> jvm = serverJvm();
        jvm.add(gcLog("service-node" + (i + 1)));
        nodes.add(startService("service-node" + (i + 1), jvm, Map.of("CAREPULSE_CLUSTER", "true",
            "CAREPULSE_CLUSTER_PORT", Integer.toString(clusterPorts[i]), "CAREPULSE_CLUSTER_MEMBERS", members)));
      }
      for (ServerUnderTest node : nodes) {
        warmUp(node);
      }
      for (int calls : scale.variantCalls) {
        String label = String.format("(d3) %,d calls x 5 frames/s over 2 clustered nodes (%,d each)", calls,
            calls / 2);
        List<String> args = List.of("--calls", Integer.toString(calls / 2), "--rate", "5", "--warmup", scale.warmup,
            "--window", scale.window);
        awaitQuiet(nodes.toArray(new ServerUnderTest[0]));
        progress("  2 clustered nodes, each " + String.join(" ", args));
        List<java.util.concurrent.Future<List<JsonObject>>> runs = new ArrayList<>();
        java.util.concurrent.ExecutorService generators = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
          for (int i = 0; i < 2; i++) {
            ServerUnderTest node = nodes.get(i);
            List<String> full = new ArrayList<>(List.of("--port", Integer.toString(node.port), "--secret", secret));
            full.addAll(args);
            String name = "d3-" + calls + "-node" + (i + 1);
            runs.add(generators.submit(() -> GeneratorRun.run(pinning.generator(), generatorJvm(name), full, node, null, log, 600)));
          }
          List<JsonObject> results = new ArrayList<>();
          for (var run : runs) {
            List<JsonObject> result = run.get();
            if (result.isEmpty()) {
              throw new IOException("a generator reported nothing; see " + out.resolve("suite.log"));
            }
            results.add(result.get(0));
          }
          JsonObject both = ClusterLoad.combine(results.get(0), results.get(1), calls);
          bar.step();
          progress("    " + LoadGenerator.summary(both) + String.format(" | both nodes %.2f cores, %.0f MB",
              both.getDouble("serverCpuCores"), both.getDouble("serverRssMb")));
          rows.add(Row.variant(label, "CarePulse, 2 clustered nodes", both));
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IOException("a generator failed: " + e.getCause(), e.getCause());
        } finally {
          generators.shutdownNow();
        }
      }
    } finally {
      for (ServerUnderTest node : nodes) {
        node.close();
      }
    }
  }

  /** A URL fit for the table and the log: a password in it is replaced by ***. */
  static String withoutPassword(String url) {
    return url.replaceFirst("://([^:/@]+):[^@/]*@", "://$1:***@");
  }

  private void idleRows(int calls) throws IOException, InterruptedException {
    String label = String.format("(c) %,d idle calls (connected, 5 frames each, then silent)", calls);
    List<String> args = List.of("--calls", Integer.toString(calls), "--idle-frames", "5", "--hold", "120s");
    List<String> serviceJvm = serverJvm();
    serviceJvm.add(gcLog("service-idle"));
    try (ServerUnderTest service = startService("service-idle", serviceJvm)) {
      rows.add(Row.idle(label, "CarePulse", idle(service, args, calls)));
    }
    List<String> echoJvm = serverJvm();
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
    List<JsonObject> results = GeneratorRun.run(pinning.generator(), generatorJvm("c-" + server.name), full, server, null, log, 300, ready -> {
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
    bar.step();
    return result;
  }

  /** The servers' flags with the collector this run compares. */
  private List<String> serverJvm() {
    return serverJvm(gc);
  }

  /** The servers' heap flags with {@code collector}'s (a new list: callers add their own). */
  static List<String> serverJvm(Collector collector) {
    List<String> jvm = new ArrayList<>(SERVER_HEAP);
    jvm.addAll(collector.flags);
    return jvm;
  }

  /**
   * Before a server's first measured run: the small steady load, unmeasured, until its JIT compilers use under
   * {@link #WARM_COMPILER_CORES} of a core (at most {@code scale.warmRuns} runs). A server pinned to one core shares
   * it with its compiler threads, which took half of it for a minute after start: that is warm-up, and measured it
   * was most of the difference between two runs of the same code.
   */
  private void warmUp(ServerUnderTest server) throws IOException, InterruptedException {
    if (!warmed.add(server)) {
      return;
    }
    List<String> full = new ArrayList<>(List.of("--port", Integer.toString(server.port), "--secret", secret));
    if (pinning.pinned()) {
      full.addAll(List.of("--event-loops", "1"));
    }
    full.addAll(List.of("--calls", Integer.toString(scale.steadySmall), "--rate", "5", "--warmup", "1s", "--window",
        scale.warmWindow));
    for (int run = 1; run <= scale.warmRuns; run++) {
      List<JsonObject> results = GeneratorRun.run(pinning.generator(), generatorJvm("warm-" + server.name + "-" + run),
          full, server, null, log, 300);
      double compilers = results.isEmpty() ? 0 : results.get(0).getDouble("serverCompilerCpuCores", 0.0);
      progress(String.format("  %s warm-up %d: JIT compilers %.2f cores", server.name, run, compilers));
      if (compilers < WARM_COMPILER_CORES) {
        return;
      }
    }
  }

  /** One generator run against {@code server}; {@code database} (or null) is read over the windows too. */
  private List<JsonObject> measure(ServerUnderTest server, ProcessGroup database, List<String> args, String name)
      throws IOException, InterruptedException {
    warmUp(server);
    double waited = awaitQuiet(server);
    List<String> full = new ArrayList<>(List.of("--port", Integer.toString(server.port), "--secret", secret));
    if (pinning.pinned()) {
      // One core for the generator: a second event loop would only take turns with the first on it.
      full.addAll(List.of("--event-loops", "1"));
    }
    full.addAll(args);
    progress("  " + server.name + " " + String.join(" ", args));
    List<JsonObject> results = GeneratorRun.run(pinning.generator(), generatorJvm(name), full, server, database, log, 600);
    bar.step();
    for (JsonObject result : results) {
      result.put("waitedForQuietSeconds", waited);
      String databaseCores = database == null ? "" : String.format("; %s %.2f cores", database.command(),
          result.getDouble("databaseCpuCores", 0.0));
      progress("    " + LoadGenerator.summary(result) + String.format(" | server %.2f cores (JIT %.2f), %.0f MB%s; "
          + "others %.2f cores", result.getDouble("serverCpuCores", 0.0),
          result.getDouble("serverCompilerCpuCores", 0.0), result.getDouble("serverRssMb", 0.0), databaseCores,
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
    return startService(name, jvm, Map.of());
  }

  /** The service, with {@code extra} settings (environment) beside the suite's own. */
  private ServerUnderTest startService(String name, List<String> jvm, Map<String, String> extra)
      throws IOException, InterruptedException {
    int port = freePort();
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("CAREPULSE_JWT_SECRET", secret);
    env.put("CAREPULSE_HTTP_HOST", "127.0.0.1");
    env.put("CAREPULSE_HTTP_PORT", Integer.toString(port));
    // Every generated call comes from 127.0.0.1; the per-address cap exists for real clients, one NAT each.
    env.put("CAREPULSE_MAX_CONNECTIONS_PER_IP", "0");
    return ServerUnderTest.start(name, port, pinning.server(), jvm, List.of("serve"), env, out.resolve(name + ".log"));
  }

  private ServerUnderTest startEcho(String name, List<String> jvm) throws IOException, InterruptedException {
    int port = freePort();
    return ServerUnderTest.start(name, port, pinning.server(), jvm, List.of("bench", "echo", "--port", Integer.toString(port)), Map.of(),
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
    System.out.println((System.console() != null ? bar.clearLine() : "") + line);
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
    STANDARD(1_000, 5_000, "20s", "10s", 5_000, 10_000, 50_000, 5_000, "3s", "5s", 10_000, new int[] {1_000, 5_000},
        200, 50, "15s", 8),
    QUICK(50, 200, "2s", "3s", 200, 1_000, 3_000, 1_000, "2s", "2s", 500, new int[] {50}, 20, 10, "2s", 1);

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
    /** Calls of the (d) rows: each repeats the (a) row with as many calls. */
    final int[] variantCalls;
    /** Supervisor dashboards of (d2), each watching one team of {@code callsPerTeam} calls. */
    final int supervisors;
    final int callsPerTeam;
    /** Each warm-up run's window, and at most how many (see {@link #warmUp}). */
    final String warmWindow;
    final int warmRuns;

    Scale(int steadySmall, int steadyLarge, String warmup, String window, int kneeCalls, int kneeFrom, int kneeTo,
          int kneeStep, String kneeWarmup, String kneeWindow, int idleCalls, int[] variantCalls, int supervisors,
          int callsPerTeam, String warmWindow, int warmRuns) {
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
      this.variantCalls = variantCalls;
      this.supervisors = supervisors;
      this.callsPerTeam = callsPerTeam;
      this.warmWindow = warmWindow;
      this.warmRuns = warmRuns;
    }
  }
}
