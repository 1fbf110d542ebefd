package io.carepulse.tools.simulate;

import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: real agent clients for demos and smoke tests. Exit status 0 when every call completed, 1 when
 * any failed, 2 when the command line or the replay files were unusable.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Stream replay files into a running service as agent clients and print what comes back.")
public final class SimulateCommand implements Callable<Integer> {

  public static final String TOKEN_ENV = "CAREPULSE_TOKEN";

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
      description = "Replay JSONL files or directories of them (default: the bundled Harper Valley Bank samples).")
  List<Path> paths = List.of();

  @Option(names = "--url", defaultValue = "ws://localhost:8080/v1/agent",
      description = "Agent WebSocket endpoint (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--token", defaultValue = "${env:" + TOKEN_ENV + "}",
      description = "Agent JWT, sent in the hello frame (default: $" + TOKEN_ENV + ").")
  String token;

  @Option(names = "--calls", paramLabel = "N",
      description = "Calls to run at once, cycling through the replay calls (default: one per replay call).")
  Integer calls;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "1 = real time from the frames' ts, 10 = ten times faster, 0 = as fast as acks come back.")
  double speed;

  @Option(names = "--quiet", description = "Print only problems and the final summary.")
  boolean quiet;

  @Option(names = "--ack-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Give a call up when the server acknowledges nothing for this long (default: ${DEFAULT-VALUE}).")
  long ackTimeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (token == null || token.isBlank()) {
      err.println("simulate: no agent token: pass --token or set " + TOKEN_ENV
          + " (the service prints development tokens when it starts without a configured secret)");
      err.flush();
      return 2;
    }
    List<ReplayScript> scripts;
    SimulationOptions options;
    try {
      scripts = paths.isEmpty() ? ReplayScripts.bundledSamples() : ReplayScripts.fromPaths(paths);
      if (scripts.isEmpty()) {
        throw new IllegalArgumentException("the replay files hold no calls");
      }
      options = new SimulationOptions(url, token, calls == null ? scripts.size() : calls, speed, quiet,
          Duration.ofSeconds(ackTimeoutSeconds));
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("simulate: " + e.getMessage());
      err.flush();
      return 2;
    }
    Vertx vertx = Vertx.vertx();
    List<CallOutcome> outcomes;
    try (ConsoleFeed feed = new ConsoleFeed(out, System.console() != null && System.getenv("NO_COLOR") == null)) {
      Simulation simulation = new Simulation(vertx, options, feed);
      feed.line(String.format("simulate: %d call(s) from %d replay call(s) to %s at speed %s", options.calls(),
          scripts.size(), url, speed == 0 ? "0 (as fast as acks come back)" : speed + "x"));
      outcomes = simulation.run(scripts).await();
      simulation.close().await();
    } finally {
      vertx.close().await();
    }
    SimulationReport.print(outcomes, out);
    return SimulationReport.allCompleted(outcomes) ? 0 : 1;
  }
}
