package io.carepulse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Holdout;
import io.carepulse.protocol.CallFrame;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HoldoutEngineTest {

  private static final FrameReader READER = FrameReader.load();

  /** A call the coach prompts several times (tests/resources/scenarios). */
  private static final String SCENARIO = "missed-acknowledgement";

  @Test
  void aControlCallIsScoredExactlyAsATreatedOneButNeverPrompted() throws IOException {
    List<CallFrame> frames = frames(SCENARIO);
    String callId = frames.get(0).callId();
    Holdout control = experimentPutting(callId, Holdout.Arm.CONTROL);
    Holdout treated = experimentPutting(callId, Holdout.Arm.TREATED);

    Run coached = run(frames, CoreConfig.defaults().withHoldout(treated));
    Run withheld = run(frames, CoreConfig.defaults().withHoldout(control));
    Run outside = run(frames, CoreConfig.defaults());

    assertThat(outside.prompts).isGreaterThan(0);
    assertThat(coached.prompts).isEqualTo(outside.prompts);
    assertThat(withheld.prompts).isZero();
    assertThat(withheld.scores).isEqualTo(coached.scores);
    assertThat(withheld.summary.callScore()).isEqualTo(coached.summary.callScore());
    assertThat(withheld.summary.prompts()).isEmpty();
    assertThat(withheld.summary.holdout()).isEqualTo(new Holdout.Assignment(control.experiment(), Holdout.Arm.CONTROL));
    assertThat(coached.summary.holdout().arm()).isEqualTo(Holdout.Arm.TREATED);
    assertThat(outside.summary.holdout()).isNull();
  }

  /** The first experiment id (e-1, e-2, …) whose half split puts the call in {@code arm}. */
  private static Holdout experimentPutting(String callId, Holdout.Arm arm) {
    return IntStream.rangeClosed(1, 100).mapToObj(i -> new Holdout("e-" + i, 0.5))
        .filter(h -> h.assign(callId).orElseThrow().arm() == arm).findFirst().orElseThrow();
  }

  private record Run(List<ScoreUpdate> scores, int prompts, CallSummary summary) {
  }

  private static Run run(List<CallFrame> frames, CoreConfig config) {
    CallEngine engine = new CallEngine(frames.get(0).callId(), config);
    List<ScoreUpdate> scores = new ArrayList<>();
    int prompts = 0;
    for (CallFrame frame : frames) {
      CallEngine.Step step = engine.apply(frame);
      step.score().ifPresent(scores::add);
      prompts += step.prompts().size();
    }
    return new Run(scores, prompts, engine.summary());
  }

  private static List<CallFrame> frames(String scenario) throws IOException {
    try (InputStream in = HoldoutEngineTest.class.getResourceAsStream("/scenarios/" + scenario + ".jsonl")) {
      List<CallFrame> frames = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          frames.add((CallFrame) ((FrameRead.Accepted) READER.read(new JsonObject(line))).frame());
        }
      }
      return frames;
    }
  }
}
