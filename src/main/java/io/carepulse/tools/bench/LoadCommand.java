package io.carepulse.tools.bench;

import io.carepulse.app.AppConfig;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench load}: the open-loop load generator, meant to run in its own JVM. Prints one line per step for a
 * person and one {@code RESULT {json}} line for the suite.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Open-loop load: N calls, each on its own socket, each sending R frames/s; latency per frame.")
public final class LoadCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8080", description = "Server port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--path", defaultValue = "/v1/agent", description = "WebSocket path (default: ${DEFAULT-VALUE}).")
  String path;

  @Option(names = "--secret", defaultValue = "${env:CAREPULSE_JWT_SECRET}",
      description = "The server's HS256 secret, to mint one agent token per call (default: $CAREPULSE_JWT_SECRET).")
  String secret;

  @Option(names = "--calls", defaultValue = "1000", description = "Concurrent calls, one socket each (default: ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--rate", split = ",", defaultValue = "5",
      description = "Frames per second per call; several (comma-separated) run as consecutive steps (default: ${DEFAULT-VALUE}).")
  List<Double> rates;

  @Option(names = "--warmup", defaultValue = "3s", description = "Warm-up before each measured window (default: ${DEFAULT-VALUE}).")
  String warmup;

  @Option(names = "--window", defaultValue = "10s", description = "Measured window per step (default: ${DEFAULT-VALUE}).")
  String window;

  @Option(names = "--drain", defaultValue = "1s",
      description = "How long answers to a window's frames may take before they count as unanswered (default: ${DEFAULT-VALUE}).")
  String drain;

  @Option(names = "--event-loops", defaultValue = "2", description = "Generator event loops (default: ${DEFAULT-VALUE}).")
  int eventLoops;

  @Option(names = "--stop-above-p99", paramLabel = "MS", defaultValue = "0",
      description = "Stop stepping after a step whose frame->ack p99 reaches MS, or that had errors (default: never).")
  double stopAboveP99;

  @Option(names = "--idle-frames", defaultValue = "0",
      description = "Idle run: each call sends this many frames, then all stay connected and silent (default: off).")
  int idleFrames;

  @Option(names = "--hold", defaultValue = "120s",
      description = "Idle run: stay connected until a line (or end) on standard input, at most this long (default: ${DEFAULT-VALUE}).")
  String hold;

  @Option(names = "--supervisors", defaultValue = "0",
      description = "Supervisor dashboards watching over /v1/supervisor while the calls run (default: none).")
  int supervisors;

  @Option(names = "--calls-per-team", defaultValue = "0",
      description = "Group the calls in teams of this many; each supervisor watches one team (default: one team).")
  int callsPerTeam;

  @Override
  public Integer call() throws InterruptedException {
    LoadPlan plan;
    try {
      plan = new LoadPlan(host, port, path, secret == null || secret.isBlank() ? null : secret, calls, rates,
          duration("--warmup", warmup), duration("--window", window), duration("--drain", drain), eventLoops,
          stopAboveP99, idleFrames, duration("--hold", hold), "bench-" + UUID.randomUUID().toString().substring(0, 8),
          callsPerTeam, supervisors);
    } catch (IllegalArgumentException e) {
      System.err.println("bench load: " + e.getMessage());
      return 2;
    }
    new LoadGenerator(plan, line -> {
      System.out.println(line);
      System.out.flush();
    }).run();
    return 0;
  }

  static Duration duration(String option, String text) {
    Duration value = AppConfig.parseDuration(text);
    if (value == null) {
      throw new IllegalArgumentException(option + " must be a duration such as 500ms, 10s or 2m, got '" + text + "'");
    }
    return value;
  }
}
