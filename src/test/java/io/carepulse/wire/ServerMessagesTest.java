package io.carepulse.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Prompt;
import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CoreConfig;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.ErrorCode;
import io.carepulse.score.Part;
import io.carepulse.score.Parts;
import io.carepulse.score.Reason;
import io.carepulse.score.Recovery;
import io.carepulse.score.ScoreUpdate;
import io.carepulse.score.Trend;
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
    for (BundledCall call : bundledCalls()) {
      for (Applied applied : call.applied()) {
        applied.step().score().ifPresent(score -> messages.add(ServerMessages.score(score)));
        for (Prompt prompt : applied.step().prompts()) {
          messages.add(ServerMessages.prompt(prompt));
        }
        messages.add(ServerMessages.ack(applied.frame().callId(), applied.frame().seq()));
      }
      messages.add(ServerMessages.summary(call.engine().summary()));
    }
    assertThat(messages).hasSizeGreaterThan(1_000);
    for (JsonObject message : messages) {
      assertThat(ServerMessages.encode(message)).isEqualTo(message.encode());
    }
  }

  @Test
  void ackAndScoreTextOfEveryFrameOfTheBundledCallsIsByteForByteTheJsonObjectEncoding() {
    int acks = 0;
    int scores = 0;
    for (BundledCall call : bundledCalls()) {
      for (Applied applied : call.applied()) {
        CallFrame frame = applied.frame();
        if (applied.step().score().isPresent()) {
          ScoreUpdate score = applied.step().score().get();
          assertThat(ServerMessages.scoreText(score)).isEqualTo(ServerMessages.encode(ServerMessages.score(score)));
          scores++;
        }
        assertThat(ServerMessages.ackText(frame.callId(), frame.seq()))
            .isEqualTo(ServerMessages.encode(ServerMessages.ack(frame.callId(), frame.seq())));
        acks++;
      }
    }
    assertThat(acks).isGreaterThan(600);
    assertThat(scores).isGreaterThan(100);
  }

  @Test
  void aPromptSaysWhichOtherKindsItCarries_andSaysNothingExtraWhenItCarriesNone() {
    JsonObject merged = ServerMessages.prompt(new Prompt("c-1", "c-1-p1", PromptKind.TAKE_OWNERSHIP,
        "Acknowledge how they feel before solving. Own it: say what you will do.", 3, 9,
        List.of(PromptKind.ACKNOWLEDGE_FEELINGS)));
    assertThat(merged.getString("kind")).isEqualTo("take_ownership");
    assertThat(merged.getJsonArray("also")).containsExactly("acknowledge_feelings");
    JsonObject single = ServerMessages.prompt(new Prompt("c-1", "c-1-p2", PromptKind.CHECK_IN, "Check in.", 2, 10));
    assertThat(single.fieldNames()).as("v1 clients see exactly the fields they always did")
        .containsExactlyInAnyOrder("type", "callId", "promptId", "kind", "text", "priority", "seq");
  }

  private record Applied(CallFrame frame, CallEngine.Step step) {
  }

  private record BundledCall(CallEngine engine, List<Applied> applied) {
  }

  /** Every bundled sample call, each frame applied through the core as the live path applies it. */
  private static List<BundledCall> bundledCalls() {
    List<BundledCall> calls = new ArrayList<>();
    for (ReplayScript script : ReplayScripts.bundledSamples()) {
      CallEngine engine = null;
      List<Applied> applied = new ArrayList<>();
      for (JsonObject json : script.frames()) {
        if (!(READER.read(json) instanceof FrameRead.Accepted accepted) || !(accepted.frame() instanceof CallFrame frame)) {
          continue;
        }
        if (engine == null) {
          engine = new CallEngine(frame.callId(), CoreConfig.defaults());
        }
        applied.add(new Applied(frame, engine.apply(frame)));
      }
      calls.add(new BundledCall(engine, applied));
    }
    return calls;
  }

  @Test
  void scoreTextWithTextThatNeedsEscapingAndNumbersAtTheirEdgesIsTheJsonObjectEncoding() {
    String odd = "line\nbreak\ttab \\ \"q\" / \u0001 \u2028 é 😀 <b>&";
    ScoreUpdate update = new ScoreUpdate("c-\"1", Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 0,
        new Parts(-1, 0, 100, Integer.MAX_VALUE, 7, 3), Trend.FALLING, null,
        List.of(new Reason(odd, Part.EMPATHY, -0.005, List.of("utt:" + odd, "seq:1"), odd),
            new Reason("r", Part.PERSONAL, 1e21, List.of(), null)),
        new Recovery(12, 0, 1, 1e-7), new ScoreUpdate.CustomerTurn(odd, -0.0, Double.MIN_VALUE));
    assertThat(ServerMessages.scoreText(update)).isEqualTo(ServerMessages.score(update).encode());
    assertThat(ServerMessages.ackText(odd, Long.MIN_VALUE)).isEqualTo(ServerMessages.ack(odd, Long.MIN_VALUE).encode());
  }

  @Test
  void anAckIsTheJsonObjectEncodingWhateverCharacterItsCallIdHolds() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      String callId = "c-" + c + "-1";
      assertThat(ServerMessages.ackText(callId, c)).as("U+%04X", (int) c)
          .isEqualTo(ServerMessages.ack(callId, c).encode());
    }
    for (String callId : new String[] {"", "\\", "\"", "😀", "\u0000", "a\u007fb", null}) {
      assertThat(ServerMessages.ackText(callId, Long.MAX_VALUE))
          .isEqualTo(ServerMessages.ack(callId, Long.MAX_VALUE).encode());
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
