package io.carepulse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Prompt;
import io.carepulse.coach.PromptKind;
import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallEnd;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.ScoreBlend;
import io.carepulse.score.ScoreUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What one call's core sends back, frame by frame (protocol v1, docs/protocol.md): a score after every call.start,
 * final utterance, event and call.end; between them at most one score per emit interval (500 ms of call time), and only
 * when it moved; prompts while the call is live, none after its end.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallEngineTest {

  private static final String CALL = "e1";
  private static final long T0 = 1_700_000_000_000L;

  private final CallEngine engine = new CallEngine(CALL, CoreConfig.defaults());
  private long seq;

  private CallStart start() {
    return new CallStart(CALL, ++seq, T0, new CallStart.Customer("cu-1", "maria lopez"), "team-a", null, Map.of());
  }

  private Utterance said(long atMs, Speaker speaker, String text) {
    return new Utterance(CALL, ++seq, T0 + atMs, speaker, text, true, null, null, "u" + seq);
  }

  private Utterance partial(long atMs, String text) {
    return new Utterance(CALL, ++seq, T0 + atMs, Speaker.CUSTOMER, text, false, null, null, "p-open");
  }

  private Acoustic audio(long atMs) {
    return new Acoustic(CALL, ++seq, T0 + atMs, Speaker.AGENT, 500, -40.0, null, 0.0, null);
  }

  private CallEngine.Step apply(CallFrame frame) {
    return engine.apply(frame);
  }

  @Test
  void everyCallStartFinalUtteranceEventAndCallEndIsScored() {
    assertThat(apply(start()).score()).isPresent();
    assertThat(apply(said(2_000, Speaker.CUSTOMER, "my internet has been down for three days")).score()).isPresent();
    assertThat(apply(new SoftphoneEvent(CALL, ++seq, T0 + 3_000, SoftphoneEvent.Kind.MUTE, null)).score()).isPresent();
    assertThat(apply(said(5_000, Speaker.AGENT, "I'm sorry about that, let me look at your line now")).score())
        .isPresent();
    CallEngine.Step end = apply(new CallEnd(CALL, ++seq, T0 + 9_000, "resolved"));
    assertThat(end.score()).isPresent();
    assertThat(end.score().get().seq()).isEqualTo(seq);
    assertThat(engine.lastScore()).contains(end.score().get());
  }

  @Test
  void beforeAnyFrameThereIsNoScore_andTheFirstFrameOfAnyKindIsScored() {
    assertThat(engine.lastScore()).isEmpty();
    assertThat(engine.ended()).isFalse();
    assertThat(apply(audio(0)).score()).as("nothing sent yet: the client gets a first score").isPresent();
    assertThat(engine.lastScore()).isPresent();
  }

  @Test
  void audioBetweenTurnsThatMovesNothing_sendsNothing() {
    apply(start());
    apply(said(1_000, Speaker.CUSTOMER, "hi I have a question about my bill"));
    assertThat(apply(audio(1_600)).score()).isEmpty();
    assertThat(apply(audio(2_200)).score()).isEmpty();
  }

  @Test
  void aCustomerStillSpeakingMovesTheScoreAtMostOncePerEmitInterval() {
    apply(start());
    int before = engine.lastScore().orElseThrow().score();
    CallEngine.Step first = apply(partial(1_000, "this is absolutely ridiculous"));
    assertThat(first.score()).as("due, and the provisional reading moved it").isPresent();
    assertThat(apply(partial(1_499, "this is absolutely ridiculous and I am furious")).score()).isEmpty();
    CallEngine.Step due = apply(partial(1_500, "this is absolutely ridiculous and I am furious and fed up"));
    assertThat(due.score()).as("500 ms after the last score").isPresent();
    assertThat(due.score().get().score()).isLessThan(before);
  }

  @Test
  void promptFeedbackIsTakenSilently() {
    apply(start());
    CallEngine.Step step = apply(new PromptFeedback(CALL, ++seq, T0 + 2_000, CALL + "-p1",
        PromptFeedback.Action.DISMISSED));
    assertThat(step.score()).isEmpty();
    assertThat(step.prompts()).isEmpty();
    assertThat(step.signals()).isEmpty();
  }

  @Test
  void theAgentIsCoachedWhileTheCallIsLive_neverAfterItsEnd() {
    List<Prompt> prompts = new ArrayList<>();
    prompts.addAll(apply(start()).prompts());
    prompts.addAll(apply(said(2_000, Speaker.CUSTOMER, "I want to speak to a manager right now")).prompts());
    assertThat(prompts).extracting(Prompt::kind).containsExactly(PromptKind.ACKNOWLEDGE_FEELINGS);
    assertThat(prompts.get(0).promptId()).isEqualTo("e1-p1");
    assertThat(prompts.get(0).callId()).isEqualTo(CALL);

    CallEngine.Step end = apply(new CallEnd(CALL, ++seq, T0 + 30_000, "abandoned"));
    assertThat(engine.ended()).isTrue();
    assertThat(end.prompts()).isEmpty();
    CallEngine.Step late = apply(said(70_000, Speaker.AGENT, "that is not my department, call billing"));
    assertThat(late.prompts()).as("a frame after call.end coaches nobody").isEmpty();
    assertThat(engine.summary().prompts()).containsExactly(PromptKind.ACKNOWLEDGE_FEELINGS);
  }

  @Test
  void theSummaryTellsTheModel_theScoreNow_andTheLowestItReached() {
    apply(start());
    apply(said(2_000, Speaker.CUSTOMER, "this is the third time I call, nobody ever helps, I am so angry"));
    apply(said(6_000, Speaker.AGENT, "I completely understand how frustrating that is, Maria. I will fix this for you "
        + "today and call you back by five with the result"));
    apply(said(12_000, Speaker.CUSTOMER, "thank you, that is a relief, I really appreciate it"));
    ScoreUpdate last = apply(new CallEnd(CALL, ++seq, T0 + 15_000, "resolved")).score().orElseThrow();
    CallSummary summary = engine.summary();
    assertThat(summary.callId()).isEqualTo(CALL);
    assertThat(summary.model()).isEqualTo("care-2");
    assertThat(summary.score()).isEqualTo(last.score());
    assertThat(summary.callScore()).isEqualTo(last.callScore());
    assertThat(summary.parts()).isEqualTo(last.parts());
    assertThat(summary.recovery()).isEqualTo(last.recovery());
    assertThat(summary.minScore()).isLessThan(summary.score()).isEqualTo(last.recovery().minScore());
  }

  @Test
  void aSummaryBeforeAnyScoreIsTheCallAsItStands() {
    CallSummary summary = engine.summary();
    assertThat(summary.score()).isBetween(1, 99);
    assertThat(summary.minScore()).isEqualTo(summary.score());
    assertThat(summary.prompts()).isEmpty();
  }

  @Test
  void care2ExposesItsBlendInputsForCalibration_care1HasNone() {
    apply(start());
    assertThat(engine.blendFeatures()).hasSize(ScoreBlend.FEATURES.size());
    CallEngine care1 = new CallEngine("c1", CoreConfig.forModel("care-1"));
    assertThat(care1.blendFeatures()).isNull();
    assertThat(care1.callId()).isEqualTo("c1");
    assertThat(care1.summary().model()).isEqualTo("care-1");
  }

  @Test
  void theSameFramesGiveTheSameOutput() {
    List<String> first = run(new CallEngine(CALL, CoreConfig.defaults()));
    List<String> second = run(new CallEngine(CALL, CoreConfig.defaults()));
    assertThat(first).isNotEmpty().isEqualTo(second);
  }

  private List<String> run(CallEngine fresh) {
    seq = 0;
    List<CallFrame> frames = List.of(start(), said(2_000, Speaker.CUSTOMER, "I was charged twice and nobody cares"),
        audio(2_600), said(5_000, Speaker.AGENT, "not my problem, you need to call billing"),
        said(9_000, Speaker.CUSTOMER, "are you kidding me, I'm going to cancel"),
        new CallEnd(CALL, 6, T0 + 20_000, "resolved"));
    List<String> out = new ArrayList<>();
    for (CallFrame frame : frames) {
      out.add(fresh.apply(frame).toString());
    }
    out.add(fresh.summary().toString());
    return out;
  }
}
