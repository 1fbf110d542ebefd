package io.carepulse.alert;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A scenario call (src/test/resources/scenarios) driven through the real scoring core into the alert rules. */
final class CallReplay {

  private static final FrameReader READER = FrameReader.load();

  final List<AlertChange> changes = new ArrayList<>();
  final List<Integer> scores = new ArrayList<>();
  final AlertRules rules;
  final Recognition recognition;
  final CallEngine engine;

  private CallReplay(String callId, AlertSettings settings, CoreConfig config) {
    rules = new AlertRules(callId, settings);
    recognition = new Recognition(callId, settings);
    engine = new CallEngine(callId, config);
  }

  /** The scenario on the default model (care-2), whose scale the default alert settings were chosen for. */
  static CallReplay of(String scenario, AlertSettings settings) {
    return withModel(scenario, settings, CoreConfig.defaults());
  }

  static CallReplay withModel(String scenario, AlertSettings settings, CoreConfig config) {
    List<CallFrame> frames = frames(scenario);
    CallReplay replay = new CallReplay(frames.get(0).callId(), settings, config);
    frames.forEach(replay::apply);
    return replay;
  }

  void apply(CallFrame frame) {
    CallEngine.Step step = engine.apply(frame);
    step.score().ifPresent(update -> scores.add(update.score()));
    changes.addAll(rules.applied(frame, step));
    recognition.applied(frame, step);
  }

  CallSummary summary() {
    return engine.summary();
  }

  static List<CallFrame> frames(String scenario) {
    try (InputStream in = CallReplay.class.getResourceAsStream("/scenarios/" + scenario + ".jsonl")) {
      List<CallFrame> frames = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          frames.add((CallFrame) ((FrameRead.Accepted) READER.read(new JsonObject(line))).frame());
        }
      }
      return frames;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
