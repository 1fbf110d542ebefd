package io.carepulse.tools.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench soak}: steady load for a long time, to see whether anything grows that should not. Forks the service,
 * then runs the open-loop generator in rounds — each round connects its calls (and supervisor dashboards), streams
 * them through real sockets, then ends them, so calls keep starting and ending as in a contact centre — and every
 * minute samples the service: live heap after a full GC, open file descriptors, threads, resident memory, with the
 * frame→ack p99 of the minute's window. The table goes to standard output and {@code soak.md} in {@code --out}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = "Steady load for --minutes (calls streaming in rounds, supervisors watching); heap after GC, fds, "
        + "threads and ack p99 each minute.")
public final class SoakCommand implements Callable<Integer> {

  private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

  @Option(names = "--minutes", defaultValue = "30", description = "Length of the soak (default: ${DEFAULT-VALUE}).")
  int minutes;

  @Option(names = "--short", description = "A quick check of the soak itself: 3 minutes, 1-minute rounds, 50 calls.")
  boolean quick;

  @Option(names = "--calls", defaultValue = "200", description = "Calls per round, one socket each (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--rate", defaultValue = "5", description = "Frames per second per call (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--supervisors", defaultValue = "20", description = "Supervisor dashboards watching (default: ${DEFAULT-VALUE}).")
  int supervisors;

  @Option(names = "--calls-per-team", defaultValue = "20", description = "Calls per team (default: ${DEFAULT-VALUE}).")
  int callsPerTeam;

  @Option(names = "--round-minutes", defaultValue = "5",
      description = "Minutes a round's calls last before they end and the next round's start (default: ${DEFAULT-VALUE}).")
  int roundMinutes;

  @Option(names = "--out", description = "Directory for logs and results (default: target/bench/soak-<time>).")
  Path out;

  /** One minute's reading of the service. */
  record Sample(int minute, long heapBytes, long fds, long threads, long rssKb, JsonObject window) {

    JsonObject toJson() {
      return new JsonObject().put("minute", minute).put("heapAfterGcBytes", heapBytes).put("fds", fds)
          .put("threads", threads).put("rssKb", rssKb).put("window", window);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (quick) {
      minutes = 3;
      roundMinutes = 1;
      calls = Math.min(calls, 50);
      supervisors = Math.min(supervisors, 5);
      callsPerTeam = Math.min(callsPerTeam, 10);
    }
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
    if (out == null) {
      out = Path.of("target", "bench", "soak-" + stamp);
    }
    Files.createDirectories(out);
    String secret = randomSecret();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    List<String> jvm = SuiteCommand.serverJvm(Collector.G1);
    jvm.add("-Xlog:gc:file=" + out.resolve("service-gc.log").toAbsolutePath() + ":uptime");
    Map<String, String> env = Map.of("CAREPULSE_JWT_SECRET", secret, "CAREPULSE_HTTP_HOST", "127.0.0.1",
        "CAREPULSE_HTTP_PORT", Integer.toString(port));
    List<Sample> samples = new ArrayList<>();
    try (PrintWriter log = new PrintWriter(Files.newBufferedWriter(out.resolve("soak.log"), StandardCharsets.UTF_8), true);
         ServerUnderTest service = ServerUnderTest.start("service", port, List.of(), jvm, List.of("serve"), env,
             out.resolve("service.log"))) {
      say(log, String.format(Locale.ROOT, "bench soak: %d min, %d calls x %.1f frames/s in %d-minute rounds, %d "
          + "supervisors; service pid %d on port %d; output in %s", minutes, calls, rate, roundMinutes, supervisors,
          service.pid(), port, out.toAbsolutePath()));
      say(log, "minute | heap after GC MB | fds | threads | RSS MB | frames/s | ack p50 ms | ack p99 ms | errors");
      ConcurrentLinkedQueue<JsonObject> windows = new ConcurrentLinkedQueue<>();
      long start = System.nanoTime();
      long end = start + TimeUnit.MINUTES.toNanos(minutes);
      Thread rounds = new Thread(() -> runRounds(port, secret, end, windows, log), "soak-rounds");
      rounds.setDaemon(true);
      rounds.start();
      samples.add(sample(service, 0, null, log));
      for (int minute = 1; minute <= minutes; minute++) {
        long due = start + minute * MINUTE_NANOS;
        long waitMs = (due - System.nanoTime()) / 1_000_000;
        if (waitMs > 0) {
          Thread.sleep(waitMs);
        }
        JsonObject window = null;
        for (JsonObject w; (w = windows.poll()) != null; ) {
          window = w;
        }
        samples.add(sample(service, minute, window, log));
      }
      rounds.join(TimeUnit.MINUTES.toMillis(2));
      String summary = summary(samples);
      say(log, summary);
      JsonArray all = new JsonArray();
      samples.forEach(s -> all.add(s.toJson()));
      Files.writeString(out.resolve("results.json"), new JsonObject().put("minutes", minutes).put("calls", calls)
          .put("rate", rate).put("supervisors", supervisors).put("samples", all).encodePrettily());
      Files.writeString(out.resolve("soak.md"), table(samples) + "\n" + summary + "\n");
    }
    return 0;
  }

  /** Generator rounds until {@code end}: each a {@code bench load} JVM with one one-minute step per minute. */
  private void runRounds(int port, String secret, long end, ConcurrentLinkedQueue<JsonObject> windows, PrintWriter log) {
    int round = 0;
    while (true) {
      long leftMinutes = (end - System.nanoTime()) / MINUTE_NANOS;
      if (leftMinutes < 1) {
        return;
      }
      int steps = (int) Math.min(roundMinutes, leftMinutes);
      List<String> command = new ArrayList<>(Launch.java(List.of(), List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC")));
      command.addAll(List.of("bench", "load", "--port", Integer.toString(port), "--secret", secret,
          "--calls", Integer.toString(calls), "--rate", String.join(",", Collections.nCopies(steps, Double.toString(rate))),
          "--warmup", "2s", "--window", "55s", "--drain", "1s"));
      if (supervisors > 0) {
        command.addAll(List.of("--supervisors", Integer.toString(supervisors), "--calls-per-team",
            Integer.toString(callsPerTeam)));
      }
      round++;
      log.println("round " + round + ": " + String.join(" ", command));
      try {
        Process generator = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(generator.getInputStream(),
            StandardCharsets.UTF_8))) {
          String line;
          while ((line = lines.readLine()) != null) {
            log.println("round " + round + " | " + line);
            if (line.startsWith("RESULT ")) {
              windows.add(new JsonObject(line.substring("RESULT ".length())));
            }
          }
        }
        if (!generator.waitFor(2, TimeUnit.MINUTES)) {
          generator.destroyForcibly();
        }
      } catch (IOException | RuntimeException e) {
        log.println("round " + round + " failed: " + e);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private Sample sample(ServerUnderTest service, int minute, JsonObject window, PrintWriter log)
      throws IOException, InterruptedException {
    long heap = service.liveHeapBytes();
    long pid = service.pid();
    long fds;
    try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      fds = open.count();
    }
    long threads = 0;
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    long rss = ProcessMeter.process(pid).rssKb();
    Sample sample = new Sample(minute, heap, fds, threads, rss, window);
    say(log, row(sample));
    return sample;
  }

  private static String row(Sample s) {
    JsonObject w = s.window();
    JsonObject ack = w == null ? null : w.getJsonObject("ack");
    return String.format(Locale.ROOT, "%6d | %16.1f | %3d | %7d | %6.0f | %8s | %10s | %10s | %6s", s.minute(),
        s.heapBytes() / 1e6, s.fds(), s.threads(), s.rssKb() / 1024.0,
        w == null ? "-" : String.format(Locale.ROOT, "%.0f", w.getDouble("receivedPerSec")),
        ack == null ? "-" : String.format(Locale.ROOT, "%.1f", ack.getDouble("p50")),
        ack == null ? "-" : String.format(Locale.ROOT, "%.1f", ack.getDouble("p99")),
        w == null ? "-" : Long.toString(w.getLong("errors")));
  }

  private static String table(List<Sample> samples) {
    StringBuilder table = new StringBuilder(
        "| minute | heap after GC MB | fds | threads | RSS MB | frames/s | ack p50 ms | ack p99 ms | errors |\n"
            + "|---|---|---|---|---|---|---|---|---|\n");
    samples.forEach(s -> table.append("| ").append(row(s).replace(" | ", " | ").trim()).append(" |\n"));
    return table.toString();
  }

  /**
   * First against last, over the minutes under load (minute 0 is the idle service), and the heap's least-squares
   * slope per 10 minutes: flat means the slope is small beside the heap's own minute-to-minute spread.
   */
  static String summary(List<Sample> samples) {
    List<Sample> loaded = samples.size() > 2 ? samples.subList(1, samples.size()) : samples;
    Sample first = loaded.get(0);
    Sample last = loaded.get(loaded.size() - 1);
    double n = loaded.size();
    double meanX = loaded.stream().mapToDouble(Sample::minute).average().orElse(0);
    double meanY = loaded.stream().mapToDouble(s -> s.heapBytes() / 1e6).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (Sample s : loaded) {
      sxy += (s.minute() - meanX) * (s.heapBytes() / 1e6 - meanY);
      sxx += (s.minute() - meanX) * (s.minute() - meanX);
    }
    double slopePer10 = sxx == 0 ? 0 : sxy / sxx * 10;
    double minHeap = loaded.stream().mapToDouble(s -> s.heapBytes() / 1e6).min().orElse(0);
    double maxHeap = loaded.stream().mapToDouble(s -> s.heapBytes() / 1e6).max().orElse(0);
    double maxP99 = loaded.stream().filter(s -> s.window() != null)
        .mapToDouble(s -> s.window().getJsonObject("ack").getDouble("p99")).max().orElse(Double.NaN);
    long errors = loaded.stream().filter(s -> s.window() != null).mapToLong(s -> s.window().getLong("errors")).sum();
    return String.format(Locale.ROOT, "SUMMARY over minutes %d-%d (%d samples): heap after GC %.1f -> %.1f MB "
            + "(min %.1f, max %.1f, slope %+.2f MB per 10 min); fds %d -> %d (max %d); threads %d -> %d; RSS %.0f -> %.0f MB; "
            + "worst minute's ack p99 %.1f ms; errors %d", first.minute(), last.minute(), (int) n,
        first.heapBytes() / 1e6, last.heapBytes() / 1e6, minHeap, maxHeap, slopePer10, first.fds(), last.fds(),
        loaded.stream().mapToLong(Sample::fds).max().orElse(0), first.threads(), last.threads(),
        first.rssKb() / 1024.0, last.rssKb() / 1024.0, maxP99, errors);
  }

  private static void say(PrintWriter log, String line) {
    System.out.println(line);
    System.out.flush();
    log.println(line);
  }

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
