package io.carepulse.tools.simulate;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Runs N simulated agent calls at once against a CarePulse agent endpoint, cycling through the replay scripts and
 * giving every call a callId of its own for this run, so that runs never collide with earlier ones.
 */
public final class Simulation {

  private static final Pattern NOT_ALLOWED_IN_CALL_ID = Pattern.compile("[^A-Za-z0-9._:-]");
  private static final int MAX_CALL_ID = 128;

  private final Vertx vertx;
  private final SimulationOptions options;
  private final ConsoleFeed feed;
  /** Held in a field: an unreferenced client can be collected mid-handshake (docs/stack-notes.md P2). */
  private final WebSocketClient client;
  private final String runId;
  private final LongAdder ackedFrames = new LongAdder();

  public Simulation(Vertx vertx, SimulationOptions options, ConsoleFeed feed) {
    this.vertx = vertx;
    this.options = options;
    this.feed = feed;
    // One connection per call; the default of 50 per endpoint would queue the rest behind them.
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(Math.max(50, options.calls() + 8))
        .setTryUsePerMessageCompression(false)
        .setConnectTimeout((int) options.ackTimeout().toMillis()));
    this.runId = Long.toString(System.currentTimeMillis(), 36)
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36), 36);
  }

  public Future<List<CallOutcome>> run(List<ReplayScript> scripts) {
    return run(scripts, script -> options.token());
  }

  /** Frames acknowledged so far, over every call: what a progress bar counts. */
  public long ackedFrames() {
    return ackedFrames.sum();
  }

  /** The script each of the {@code calls} runs, in call order: they cycle through {@code scripts}. */
  public List<ReplayScript> assignment(List<ReplayScript> scripts) {
    List<ReplayScript> assigned = new ArrayList<>();
    for (int i = 0; i < options.calls(); i++) {
      assigned.add(scripts.get(i % scripts.size()));
    }
    return assigned;
  }

  /** As {@link #run(List)}, each call with the agent token {@code tokenFor} gives its script. */
  public Future<List<CallOutcome>> run(List<ReplayScript> scripts, Function<ReplayScript, String> tokenFor) {
    if (scripts.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("no calls to simulate"));
    }
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(options.url());
    List<Future<CallOutcome>> outcomes = new ArrayList<>();
    List<ReplayScript> assigned = assignment(scripts);
    for (int i = 0; i < assigned.size(); i++) {
      ReplayScript script = assigned.get(i);
      String callId = callId(i + 1, script.callId());
      String label = String.format(Locale.ROOT, "#%d %s", i + 1, abbreviate(script.callId(), 20));
      SimulatedCall call = new SimulatedCall(client, connect, options, feed, label, callId, script,
          tokenFor.apply(script), ackedFrames);
      outcomes.add(vertx.deployVerticle(call)
          .compose(deployment -> call.outcome().eventually(() -> vertx.undeploy(deployment)))
          .recover(problem -> Future.succeededFuture(new CallOutcome(label, callId, false,
              "could not start: " + problem.getMessage(), script.frames().size(), 0, 0, List.of(), -1, -1, 0, 0, 0))));
    }
    return Future.all(outcomes).map(all -> outcomes.stream().map(Future::result).toList());
  }

  public Future<Void> close() {
    return client.close();
  }

  String callId(int number, String original) {
    String id = "sim-" + runId + "-" + number + "-" + NOT_ALLOWED_IN_CALL_ID.matcher(original).replaceAll("_");
    return id.length() <= MAX_CALL_ID ? id : id.substring(0, MAX_CALL_ID);
  }

  private static String abbreviate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
