package io.carepulse.tools.devdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.wire.ClientFrameJson;
import io.carepulse.wire.FrameRead;
import io.carepulse.wire.FrameReader;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call script becomes the frames a softphone plugin would send, in its order, each one valid PROTOCOL-v1. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CallScriptFramesTest {

  private static final String HOLD_CALL = """
      # id: hold-1
      # team: demo
      # agent: sam
      # customer: Aisha Rahman
      # kind: silent_hold
      # csat: 2
      agent: One moment.
      [hold]
      +5s
      [unhold]
      customer: Hello? Are you still there?
      """;

  @Test
  void withoutAudio_startThenEachUtteranceWhenItEndsThenEventsThenEnd() {
    CallScript script = CallScriptParser.parse(HOLD_CALL, "hold-1.call");
    List<CallFrame> frames = CallScriptFrames.frames(script);

    assertThat(frames).extracting(CallFrame::type)
        .containsExactly("call.start", "utterance", "event", "event", "utterance", "call.end");
    assertThat(frames).extracting(CallFrame::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    CallStart start = (CallStart) frames.get(0);
    assertThat(start.callId()).isEqualTo("hold-1");
    assertThat(start.ts()).isEqualTo(CallScriptFrames.BASE_TS);
    assertThat(start.teamId()).isEqualTo("demo");
    assertThat(start.customer().name()).isEqualTo("Aisha Rahman");
    assertThat(start.metadata()).containsEntry("agentId", "sam").containsEntry("kind", "silent_hold")
        .containsEntry("csat", 2).containsEntry("script", "hold-1");

    Utterance first = (Utterance) frames.get(1);
    assertThat(first.speaker()).isEqualTo(Speaker.AGENT);
    assertThat(first.isFinal()).isTrue();
    assertThat(first.startMs()).isEqualTo(700);
    assertThat(first.endMs()).isEqualTo(700 + 2 * 400);
    assertThat(first.ts()).isEqualTo(CallScriptFrames.BASE_TS + first.endMs());
    assertThat(first.utteranceId()).isEqualTo("hold-1-1");
    SoftphoneEvent hold = (SoftphoneEvent) frames.get(2);
    SoftphoneEvent unhold = (SoftphoneEvent) frames.get(3);
    assertThat(hold.kind()).isEqualTo(SoftphoneEvent.Kind.HOLD);
    assertThat(unhold.ts() - hold.ts()).isEqualTo(5_000);
    CallEnd end = (CallEnd) frames.get(5);
    assertThat(end.reason()).isEqualTo("completed");
    assertThat(end.ts()).isEqualTo(CallScriptFrames.BASE_TS + script.endMs());
    assertValidAndInOrder(frames);
  }

  @Test
  void withAudio_aWindowEverySecond_voicedWhileSomeoneSpeaks_silentOnHold() {
    CallScript script = CallScriptParser.parse(HOLD_CALL, "hold-1.call");
    List<CallFrame> frames = CallScriptFrames.frames(script, CallScriptFrames.Options.defaults().withAudio(true)
        .withCallId("sim-1"));

    List<Acoustic> windows = frames.stream().filter(Acoustic.class::isInstance).map(Acoustic.class::cast).toList();
    long seconds = (script.endMs() + 999) / 1000;
    assertThat(windows.size()).isBetween((int) seconds, (int) seconds + 3);
    assertThat(frames).allSatisfy(frame -> assertThat(frame.callId()).isEqualTo("sim-1"));

    // [700, 1500) the agent speaks: the first window is the agent's, voiced
    Acoustic firstWindow = windows.get(0);
    assertThat(firstWindow.speaker()).isEqualTo(Speaker.AGENT);
    assertThat(firstWindow.voicedRatio()).isGreaterThan(0.2);
    assertThat(firstWindow.wordsPerMin()).isEqualTo(150.0);
    // every window wholly inside the hold is silence
    long holdStart = script.events().get(0).atMs();
    long holdEnd = script.events().get(1).atMs();
    List<Acoustic> onHold = windows.stream()
        .filter(w -> w.ts() - w.windowMs() - CallScriptFrames.BASE_TS >= holdStart
            && w.ts() - CallScriptFrames.BASE_TS <= holdEnd)
        .toList();
    assertThat(onHold).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(w -> assertThat(w.voicedRatio()).isZero());
    // the customer's words after the hold come with the customer's voiced windows
    assertThat(windows).anySatisfy(w -> {
      assertThat(w.speaker()).isEqualTo(Speaker.CUSTOMER);
      assertThat(w.voicedRatio()).isGreaterThan(0.8);
    });
    assertValidAndInOrder(frames);
  }

  @Test
  void forEvaluation_aSilentWindowEachSecondOfAPause_callIdCallDashId_teamDevdata() {
    LabelledCall call = LabelledCall.of(CallScriptParser.parse(HOLD_CALL, "hold-1.call"));
    CallScript.Pause pause = call.script().pauses().get(0);
    List<Acoustic> windows = call.frames().stream().filter(Acoustic.class::isInstance).map(Acoustic.class::cast)
        .toList();
    assertThat(windows).hasSize(5).allSatisfy(w -> {
      assertThat(w.voicedRatio()).isZero();
      assertThat(w.speaker()).isEqualTo(Speaker.AGENT);
      assertThat(w.windowMs()).isEqualTo(1_000);
    });
    assertThat(windows.get(0).ts()).isEqualTo(CallScriptFrames.BASE_TS + pause.atMs() + 1_000);
    assertThat(windows.get(4).ts()).isEqualTo(CallScriptFrames.BASE_TS + pause.untilMs());
    assertThat(call.frames()).allSatisfy(f -> assertThat(f.callId()).isEqualTo("call-hold-1"));
    assertThat(((CallStart) call.frames().get(0)).teamId()).isEqualTo("devdata");
    assertThat(call.csat()).isEqualTo(2);
    assertThat(call.kind()).isEqualTo("silent_hold");
    assertThat(call.wellHandled()).isFalse();
    assertValidAndInOrder(call.frames());
  }

  @Test
  void convertingTwiceGivesTheSameBytes() {
    CallScript script = CallScriptParser.parse(HOLD_CALL, "hold-1.call");
    CallScriptFrames.Options audio = CallScriptFrames.Options.defaults().withAudio(true);
    assertThat(ScriptCommand.jsonl(CallScriptFrames.frames(script, audio)))
        .isEqualTo(ScriptCommand.jsonl(CallScriptFrames.frames(CallScriptParser.parse(HOLD_CALL, "again"), audio)));
  }

  @Test
  void aTeamGivenByOptionsFillsInForAScriptWithout() {
    CallScript script = CallScriptParser.parse("# id: t\nagent: hi\n", "t.call");
    CallStart start = (CallStart) CallScriptFrames.frames(script, CallScriptFrames.Options.defaults().withTeam("x"))
        .get(0);
    assertThat(start.teamId()).isEqualTo("x");
    assertThat(start.metadata()).containsEntry("source", "call script");
  }

  /** What the agent endpoint would accept: schema-valid, seq 1..n, ts never going back. */
  static void assertValidAndInOrder(List<CallFrame> frames) {
    FrameReader reader = FrameReader.load();
    long previousTs = Long.MIN_VALUE;
    for (int i = 0; i < frames.size(); i++) {
      CallFrame frame = frames.get(i);
      FrameRead read = reader.read(ClientFrameJson.encode(frame).encode());
      assertThat(read).as("frame %d: %s", i + 1, read).isInstanceOf(FrameRead.Accepted.class);
      assertThat(frame.seq()).isEqualTo(i + 1);
      assertThat(frame.ts()).as("ts of frame %d", i + 1).isGreaterThanOrEqualTo(previousTs);
      previousTs = frame.ts();
    }
  }
}
