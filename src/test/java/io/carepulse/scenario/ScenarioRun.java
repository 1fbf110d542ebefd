package io.carepulse.scenario;

import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CoreConfig;
import io.carepulse.replay.Replay;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One scenario call replayed through the real offline replay, with what came out, ready for assertions. */
final class ScenarioRun {

  private static final FrameReader READER = FrameReader.load();

  final List<JsonObject> scores = new ArrayList<>();
  final List<JsonObject> prompts = new ArrayList<>();
  /** For each prompt, the seq of the frame after which the agent saw it. */
  final List<Long> promptShownAfterSeq = new ArrayList<>();
  /** Each frame's ts by seq, from the scenario file, to tell when a prompt was shown. */
  final java.util.Map<Long, Long> tsBySeq = new java.util.HashMap<>();
  final List<String> errors = new ArrayList<>();
  JsonObject summary;

  static ScenarioRun of(String name) {
    return of(name, CoreConfig.defaults());
  }

  static ScenarioRun of(String name, CoreConfig config) {
    String resource = "/scenarios/" + name + ".jsonl";
    try (InputStream in = ScenarioRun.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no scenario " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ScenarioRun run = new ScenarioRun();
      text.lines().map(JsonObject::new).forEach(f -> run.tsBySeq.put(f.getLong("seq"), f.getLong("ts")));
      StringWriter out = new StringWriter();
      Replay replay = new Replay(config, READER, true);
      replay.run(new BufferedReader(new java.io.StringReader(text)), new PrintWriter(out),
          bad -> run.errors.add("line " + bad.lineNumber() + ": " + bad.error().message()));
      run.read(out.toString());
      // A refused frame would leave a scenario asserting on a call other than the one its file tells: fail them all.
      if (!run.errors.isEmpty()) {
        throw new AssertionError("scenario " + name + ": frames refused or unexpected output: " + run.errors);
      }
      long frames = run.tsBySeq.size();
      if (run.lastAckSeq != frames || run.summary == null) {
        throw new AssertionError("scenario " + name + ": " + frames + " frames, the last acked is " + run.lastAckSeq
            + (run.summary == null ? ", and no call.summary" : ""));
      }
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long lastAckSeq;

  private void read(String output) {
    for (String line : output.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject message = new JsonObject(line);
      switch (message.getString("type")) {
        case "ack" -> lastAckSeq = message.getLong("seq");
        case "score" -> scores.add(message);
        case "prompt" -> {
          prompts.add(message);
          promptShownAfterSeq.add(lastAckSeq);
        }
        case "call.summary" -> summary = message;
        default -> errors.add(line);
      }
    }
  }

  List<PromptKind> promptKinds() {
    return prompts.stream().map(p -> PromptKind.fromWire(p.getString("kind"))).toList();
  }

  long count(PromptKind kind) {
    return promptKinds().stream().filter(k -> k == kind).count();
  }

  /** Milliseconds from the call's first frame to the frame after which prompt {@code index} was shown. */
  long promptShownAtMs(int index) {
    return tsBySeq.get(promptShownAfterSeq.get(index)) - tsBySeq.get(1L);
  }

  int finalScore() {
    return summary.getInteger("score");
  }

  int minScore() {
    return summary.getInteger("minScore");
  }

  int firstScore() {
    return scores.get(0).getInteger("score");
  }

  int part(String part) {
    return summary.getJsonObject("parts").getInteger(part);
  }

  /** The value of a part right after the frame with this seq was applied. */
  int partAfter(long seq, String part) {
    return scoreAfter(seq).getJsonObject("parts").getInteger(part);
  }

  JsonObject scoreAfter(long seq) {
    JsonObject found = null;
    for (JsonObject score : scores) {
      if (score.getLong("seq") <= seq) {
        found = score;
      }
    }
    return found;
  }

  boolean anyReason(String rule) {
    return scores.stream().flatMap(s -> s.getJsonArray("reasons").stream())
        .anyMatch(r -> rule.equals(((JsonObject) r).getString("rule")));
  }

  /** The frames a reason with this rule pointed at, from the first score that carried it. */
  List<Object> reasonFrames(String rule) {
    return scores.stream().flatMap(s -> s.getJsonArray("reasons").stream())
        .map(JsonObject.class::cast).filter(r -> rule.equals(r.getString("rule")))
        .findFirst().map(r -> r.getJsonArray("frames").getList()).orElse(List.of());
  }
}
