package io.carepulse.tools.simulate;

import io.carepulse.app.Tool;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.console.Progress;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: real agent clients for demos and smoke tests. Exit status 0 when every call completed (and, with
 * {@code --outcomes}, every survey result was recorded), 1 when any failed, 2 when the command line or the replay
 * files were unusable.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Stream replay files into a running service as agent clients and print what comes back.",
        "Without files: the demo — the calls the CarePulse team scripted (samples/demo: an escalation turned "
            + "around, a call lost to the end, a silent hold…) and 7 Harper Valley Bank recordings, all at once."})
public final class SimulateCommand implements Callable<Integer>, Tool {

  public static final String TOKEN_ENV = "CAREPULSE_AGENT_TOKEN";
  public static final String OLD_TOKEN_ENV = "CAREPULSE_TOKEN";
  public static final String SECRET_ENV = "CAREPULSE_DEV_SECRET";
  public static final String INTEGRATOR_ENV = "CAREPULSE_INTEGRATOR_TOKEN";
  /** The bundled run: every scripted demo call and this many HVB recordings beside them. */
  static final int BUNDLED_HVB_CALLS = 7;

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE|DIR", arity = "0..*",
      description = "Replay JSONL files or directories of them (default: the bundled demo and HVB calls).")
  List<Path> paths = List.of();

  @Option(names = "--url", defaultValue = "ws://localhost:8080/v1/agent",
      description = "Agent WebSocket endpoint (default: ${DEFAULT-VALUE}); the REST API is at the same host.")
  String url;

  @Option(names = "--token", defaultValue = "${env:" + TOKEN_ENV + ":-${env:" + OLD_TOKEN_ENV + "}}",
      description = "Agent JWT, sent in the hello frame; every call runs as this agent (default: $" + TOKEN_ENV + ").")
  String token;

  @Option(names = "--secret", defaultValue = "${env:" + SECRET_ENV + "}",
      description = {"The service's JWT secret: each call then runs as its own agent in its own team, as its "
          + "recording names them (default: $" + SECRET_ENV + ", which a development-mode start prints). "
          + "Wins over --token."})
  String secret;

  @Option(names = "--calls", paramLabel = "N",
      description = "Calls to run at once, cycling through the replay calls (default: one per replay call; "
          + "without files, every demo call and " + BUNDLED_HVB_CALLS + " HVB calls).")
  Integer calls;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "1",
      description = "1 = real time from the frames' ts, 10 = ten times faster, 0 = as fast as acks come back "
          + "(default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--outcomes", description = "When the calls have ended, post a plausible survey result (CSAT) "
      + "for each through the REST API, so the leader view's score-against-CSAT chart has data.")
  boolean outcomes;

  @Option(names = "--integrator-token", defaultValue = "${env:" + INTEGRATOR_ENV + "}",
      description = "Token for --outcomes (default: $" + INTEGRATOR_ENV + "; minted from --secret when absent).")
  String integratorToken;

  @Option(names = "--quiet", description = "Print only problems and the final summary.")
  boolean quiet;

  @Option(names = "--ack-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Give a call up when the server acknowledges nothing for this long (default: ${DEFAULT-VALUE}).")
  long ackTimeoutSeconds;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    boolean minting = secret != null && !secret.isBlank();
    if (!minting && (token == null || token.isBlank())) {
      err.println("simulate: no agent token: pass --token or set " + TOKEN_ENV + " (or --secret / " + SECRET_ENV
          + "); the service prints these when it starts without a configured secret");
      err.flush();
      return 2;
    }
    String apiBase;
    List<ReplayScript> scripts;
    SimulationOptions options;
    try {
      apiBase = apiBase(url);
      scripts = paths.isEmpty() ? ReplayScripts.bundledAll() : ReplayScripts.fromPaths(paths);
      if (scripts.isEmpty()) {
        throw new IllegalArgumentException("the replay files hold no calls");
      }
      int count = calls != null ? calls
          : paths.isEmpty() ? ReplayScripts.bundledDemo().size() + BUNDLED_HVB_CALLS : scripts.size();
      options = new SimulationOptions(url, minting ? "minted per call" : token, count, speed, quiet,
          Duration.ofSeconds(ackTimeoutSeconds));
      if (outcomes && !minting && (integratorToken == null || integratorToken.isBlank())) {
        throw new IllegalArgumentException("--outcomes needs --integrator-token (or $" + INTEGRATOR_ENV
            + ") or --secret");
      }
    } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
      err.println("simulate: " + e.getMessage());
      err.flush();
      return 2;
    }

    Vertx vertx = Vertx.vertx();
    try {
      JwtAuth jwt = minting ? JwtAuth.create(vertx, secret) : null;
      Function<ReplayScript, String> tokenFor = minting ? script -> mint(jwt, script) : script -> token;
      Progress progress = Progress.of("calls", 0, "frames");
      List<CallOutcome> results;
      List<ReplayScript> assigned;
      boolean interactive = progress.shown() && System.console() != null;
      try (ConsoleFeed feed = new ConsoleFeed(out, System.console() != null && System.getenv("NO_COLOR") == null,
          interactive ? progress.clearLine() : "")) {
        Simulation simulation = new Simulation(vertx, options, feed);
        assigned = simulation.assignment(scripts);
        progress.maxHint(assigned.stream().mapToLong(s -> s.frames().size()).sum());
        long ticker = vertx.setPeriodic(250, id -> progress.stepTo(simulation.ackedFrames()));
        feed.line(String.format("simulate: %d call(s) from %d replay call(s) to %s at speed %s%s", options.calls(),
            scripts.size(), url, speed == 0 ? "0 (as fast as acks come back)" : speed + "x",
            minting ? ", each as its own agent" : ""));
        results = simulation.run(scripts, tokenFor).await();
        vertx.cancelTimer(ticker);
        progress.stepTo(simulation.ackedFrames());
        simulation.close().await();
      } finally {
        progress.close();
      }
      SimulationReport.print(results, out);
      boolean surveysOk = true;
      if (outcomes) {
        String surveyToken = integratorToken != null && !integratorToken.isBlank() ? integratorToken
            : jwt.mint("simulate", Role.INTEGRATOR, List.of(), Duration.ofMinutes(10));
        SurveyResults surveys = new SurveyResults(vertx, apiBase, surveyToken);
        List<SurveyResults.Posted> posted = surveys.post(results, assigned).await();
        surveys.close();
        surveysOk = SimulationReport.printSurveys(posted, out);
      }
      SimulationReport.printNextSteps(results, assigned, apiBase, out);
      return SimulationReport.allCompleted(results) && surveysOk ? 0 : 1;
    } finally {
      vertx.close().await();
    }
  }

  /** A short-lived agent token for the call's own agent and team (agent-1 when the recording names nobody). */
  private static String mint(JwtAuth jwt, ReplayScript script) {
    String agent = script.agentId() != null ? script.agentId() : "agent-1";
    List<String> teams = script.teamId() == null ? List.of() : List.of(script.teamId());
    return jwt.mint(agent, Role.AGENT, teams, Duration.ofHours(2));
  }

  /** ws://host:port/v1/agent → http://host:port (wss → https). */
  static String apiBase(String agentUrl) {
    URI uri;
    try {
      uri = URI.create(agentUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--url is not a URL: " + agentUrl);
    }
    if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().matches("wss?")) {
      throw new IllegalArgumentException("--url must be a ws:// or wss:// URL, got " + agentUrl);
    }
    String scheme = uri.getScheme().equals("wss") ? "https" : "http";
    return scheme + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }
}
