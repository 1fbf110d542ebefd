package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Prompt;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.tools.simulate.ReplayScript;
import io.carepulse.tools.simulate.ReplayScripts;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every frame out is encoded by {@link ServerMessages#encode}: clients must see exactly what JsonObject wrote. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerMessagesTest {

  private static final FrameReader READER = FrameReader.load();

  @Test
  void everyScorePromptAndAckOfTheBundledCallsIsEncodedAsJsonObjectEncodesIt() {
    List<JsonObject> messages = new ArrayList<>();
    for (ReplayScript script : ReplayScripts.bundledSamples()) {
      CallEngine engine = null;
      for (JsonObject json : script.frames()) {
        if (!(READER.read(json) instanceof FrameRead.Accepted accepted) || !(accepted.frame() instanceof CallFrame frame)) {
          continue;
        }
        if (engine == null) {
          engine = new CallEngine(frame.callId(), CoreConfig.defaults());
        }
        CallEngine.Step step = engine.apply(frame);
        step.score().ifPresent(score -> messages.add(ServerMessages.score(score)));
        for (Prompt prompt : step.prompts()) {
          messages.add(ServerMessages.prompt(prompt));
        }
        messages.add(ServerMessages.ack(frame.callId(), frame.seq()));
      }
      messages.add(ServerMessages.summary(engine.summary()));
    }
    assertThat(messages).hasSizeGreaterThan(1_000);
    for (JsonObject message : messages) {
      assertThat(ServerMessages.encode(message)).isEqualTo(message.encode());
    }
  }

  @Test
  void textThatNeedsEscapingAndNumbersAtTheirEdgesAreEncodedAsJsonObjectEncodesThem() {
    List<JsonObject> messages = List.of(
        ServerMessages.whisper("c-1", "Ana \"the boss\"", "line\nbreak\ttab \\ slash / \u0001 \u2028 é 😀 <b>&"),
        ServerMessages.error(ErrorCode.INVALID, "utterance.text must be a string", "c-1", 7L, null),
        ServerMessages.error(ErrorCode.SEQ_GAP, "expected seq 3", "c-1", Long.MAX_VALUE, 3L),
        ServerMessages.welcome("s-1", Map.of("c-1", 12L)),
        new JsonObject().put("d", List.of(0.1, 1e-7, 1e21, -0.0, 123456789.125, Double.MIN_VALUE, Double.MAX_VALUE))
            .put("i", Integer.MIN_VALUE).put("l", Long.MIN_VALUE).put("b", true).put("n", (Object) null)
            .put("a", new JsonArray().add(new JsonObject()).add(new JsonArray()).add("x")));
    for (JsonObject message : messages) {
      assertThat(ServerMessages.encode(message)).isEqualTo(message.encode());
    }
  }
}
