package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.protocol.Acoustic;
import io.carepulse.protocol.CallFrame;
import io.carepulse.protocol.CallStart;
import io.carepulse.protocol.EmotionEstimate;
import io.carepulse.protocol.SoftphoneEvent;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.sentiment.SentimentAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Whole calls through care-2's scorer, asserting what holds however the model is tuned: which way the parts and the
 * score move, that every move has a reason pointing at its frame, that nothing leaves 0..100, and that the trend and
 * recovery describe the call's path.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CareTwoScorerTest {

  private static final String CALL = "s2";
  private static final long T0 = 1_700_000_000_000L;
  private static final ScoringModel MODEL = ScoringModel.named("care-2");

  private final Scorer scorer = Scorer.create(CALL, MODEL, SentimentAnalyzer.standard());
  private final List<ScoreUpdate> updates = new ArrayList<>();
  private final List<Observations> observed = new ArrayList<>();
  private long seq;

  private void frame(CallFrame frame) {
    observed.add(scorer.observe(frame));
    updates.add(scorer.update());
  }

  private void start(String name) {
    frame(new CallStart(CALL, ++seq, T0, new CallStart.Customer("cu", name), "t", null, Map.of()));
  }

  private void customer(long atMs, String text) {
    frame(new Utterance(CALL, ++seq, T0 + atMs, Speaker.CUSTOMER, text, true, atMs - 2_000, atMs, "u" + seq));
  }

  private void agent(long atMs, String text) {
    frame(new Utterance(CALL, ++seq, T0 + atMs, Speaker.AGENT, text, true, atMs - 2_000, atMs, "u" + seq));
  }

  private ScoreUpdate last() {
    return updates.get(updates.size() - 1);
  }

  private Observations lastObserved() {
    return observed.get(observed.size() - 1);
  }

  private double prior(Part part) {
    return MODEL.prior(part);
  }

  private List<Reason> reasons() {
    return updates.stream().flatMap(u -> u.reasons().stream()).toList();
  }

  private void angryCall() {
    start("maria lopez");
    customer(3_000, "this is ridiculous, I have been charged twice and nobody has fixed it, I am furious");
    agent(6_000, "that is not our department, you need to call billing");
    customer(9_000, "are you kidding me? this is the third time I call, I want to speak to a manager");
    agent(12_000, "like I said, there is nothing I can do about it");
    customer(15_000, "unbelievable, I am going to cancel my account and switch to another provider");
  }

  @Test
  void anAngryCustomerMetWithDeflection_dragsMoodOwnershipAndTheScoreDown() {
    angryCall();
    ScoreUpdate end = last();
    assertThat(end.parts().emotion()).isLessThan((int) prior(Part.EMOTION));
    assertThat(end.parts().ownership()).isLessThan((int) prior(Part.OWNERSHIP));
    assertThat(end.score()).isLessThan(updates.get(0).score());
    assertThat(end.recovery().minScore()).isEqualTo(end.score());
    assertThat(end.model()).isEqualTo("care-2");
    assertThat(end.callId()).isEqualTo(CALL);
    assertThat(end.seq()).isEqualTo(seq);
    assertThat(end.callTimeMs()).isEqualTo(15_000);
    assertThat(reasons()).extracting(Reason::rule).contains("deflection");
    assertThat(observed).anyMatch(o -> o.has(Signal.Kind.CUSTOMER_ESCALATION));
    assertThat(observed).anyMatch(o -> o.has(Signal.Kind.CUSTOMER_CHURN_THREAT));
    assertThat(observed).anyMatch(o -> o.has(Signal.Kind.DEFLECTION));
  }

  @Test
  void aCallGoingDownhillReadsFalling_andOneComingBackReadsRising() {
    angryCall();
    assertThat(updates).extracting(ScoreUpdate::trend).contains(Trend.FALLING).doesNotContain(Trend.RISING);
    customer(40_000, "I have had enough of this, you people are useless");
    agent(45_000, "I am so sorry Maria, that sounds really stressful. I will refund the double charge right now "
        + "and you will get a confirmation email within the hour");
    customer(50_000, "oh thank you, that is a relief, I really appreciate it");
    agent(60_000, "you're welcome Maria, is there anything else I can help with");
    customer(75_000, "no that's great, thank you so much for sorting it out");
    customer(90_000, "brilliant, thanks again, have a lovely day");
    ScoreUpdate end = last();
    assertThat(end.trend()).isEqualTo(Trend.RISING);
    assertThat(end.score()).isGreaterThan(end.recovery().minScore());
    assertThat(end.recovery().slopePerMin()).isPositive();
    assertThat(end.recovery().sinceMinMs()).isEqualTo(end.callTimeMs() - end.recovery().minAtMs()).isPositive();
    assertThat(scorer.minScore()).isEqualTo(end.recovery().minScore());
    assertThat(scorer.nameUsed()).isTrue();
    assertThat(observed).anyMatch(o -> o.has(Signal.Kind.NEXT_STEP_GIVEN));
    assertThat(end.parts().personal()).isGreaterThan((int) prior(Part.PERSONAL));
  }

  @Test
  void everyScoreAndPartStaysBetween0And100_andEveryReasonNamesItsFrameAndIsWorthAPoint() {
    angryCall();
    for (int i = 0; i < 6; i++) {
      customer(20_000 + i * 3_000, "terrible terrible awful disgusting useless horrible, I hate this, worst ever");
      agent(21_500 + i * 3_000, "not my problem, call someone else, nothing I can do");
    }
    for (ScoreUpdate update : updates) {
      Parts p = update.parts();
      assertThat(List.of(update.score(), update.callScore(), p.emotion(), p.empathy(), p.ownership(), p.listening(),
          p.responsiveness(), p.personal())).allSatisfy(v -> assertThat(v).isBetween(0, 100));
      assertThat(update.reasons()).hasSizeLessThanOrEqualTo(6);
      assertThat(update.reasons()).allSatisfy(r -> {
        assertThat(Math.abs(r.delta())).isGreaterThanOrEqualTo(MODEL.number("reasons.minDelta"));
        assertThat(r.frames()).isNotEmpty();
        assertThat(r.text()).isNotBlank();
      });
    }
    assertThat(reasons()).isNotEmpty();
  }

  @Test
  void reasonsAreHandedOutOnce_andPeekingConsumesNothing() {
    start("maria lopez");
    observed.add(scorer.observe(new Utterance(CALL, ++seq, T0 + 3_000, Speaker.CUSTOMER,
        "this is a disgrace and I am furious", true, null, null, "u-angry")));
    assertThat(scorer.hasNewReasons()).isTrue();
    int peeked = scorer.peekScore();
    assertThat(scorer.hasNewReasons()).as("peeking is not an update").isTrue();
    ScoreUpdate update = scorer.update();
    assertThat(update.score()).isEqualTo(peeked);
    assertThat(update.reasons()).isNotEmpty();
    assertThat(update.reasons()).anySatisfy(r -> assertThat(r.frames()).contains("utt:u-angry"));
    assertThat(update.customer()).isNotNull();
    assertThat(update.customer().frame()).isEqualTo("utt:u-angry");
    assertThat(update.customer().valence()).isNegative();
    assertThat(scorer.hasNewReasons()).isFalse();
    assertThat(scorer.update().reasons()).isEmpty();
    assertThat(scorer.update().customer()).as("the reading belongs to the update after that turn").isNull();
  }

  @Test
  void aCustomerStillSpeakingMovesTheMoodProvisionally() {
    start(null);
    int before = last().parts().emotion();
    frame(new Utterance(CALL, ++seq, T0 + 2_000, Speaker.CUSTOMER, "this is absolutely disgusting and I am furious",
        false, null, null, "open"));
    assertThat(last().parts().emotion()).isLessThan(before);
    assertThat(last().reasons()).extracting(Reason::rule).contains("provisional_mood");
    assertThat(scorer.conversation().customerSpeaking()).isTrue();
  }

  @Test
  void anEmotionEngineReadingCountsForTheCustomerOnly() {
    start(null);
    int before = last().parts().emotion();
    frame(new EmotionEstimate(CALL, ++seq, T0 + 2_000, Speaker.AGENT, -1.0, 1.0, "angry", "engine-x", 1.0));
    assertThat(last().parts().emotion()).isEqualTo(before);
    frame(new EmotionEstimate(CALL, ++seq, T0 + 3_000, Speaker.CUSTOMER, -1.0, 1.0, "angry", "engine-x", 1.0));
    assertThat(last().parts().emotion()).isLessThan(before);
    assertThat(last().reasons()).anySatisfy(r -> {
      assertThat(r.rule()).isEqualTo("external_emotion");
      assertThat(r.text()).contains("engine-x").contains("-1.0");
      assertThat(r.frames()).containsExactly("seq:" + seq);
    });
  }

  @Test
  void behaviourEvidenceFadesTowardItsUsualLevel_andSaysSo() {
    start(null);
    agent(3_000, "that is not our department, you need to call billing");
    int deflected = last().parts().ownership();
    assertThat(deflected).isLessThan((int) prior(Part.OWNERSHIP));
    frame(new Acoustic(CALL, ++seq, T0 + 400_000, Speaker.AGENT, 500, -50.0, null, 0.0, null));
    assertThat(last().parts().ownership()).isGreaterThan(deflected);
    assertThat(last().reasons()).anySatisfy(r -> {
      assertThat(r.rule()).isEqualTo("fading");
      assertThat(r.part()).isEqualTo(Part.OWNERSHIP);
      assertThat(r.delta()).isPositive();
      assertThat(r.text()).contains("No new ownership evidence for 397 s");
    });
  }

  @Test
  void voiceOnTheLineCountsAsSpeech_andSilenceAsDeadAir() {
    start(null);
    customer(2_000, "hi I have a question about my bill");
    frame(new Acoustic(CALL, ++seq, T0 + 2_500, Speaker.CUSTOMER, 500, -20.0, 200.0, 0.9, null));
    assertThat(lastObserved().has(Signal.Kind.VOICE)).isTrue();
    assertThat(scorer.conversation().customerSpeaking()).isTrue();
    frame(new Acoustic(CALL, ++seq, T0 + 3_100, Speaker.CUSTOMER, 500, -60.0, null, 0.1, null));
    assertThat(lastObserved().has(Signal.Kind.VOICE)).isFalse();
    frame(new SoftphoneEvent(CALL, ++seq, T0 + 4_000, SoftphoneEvent.Kind.MUTE, null));
    int responsive = last().parts().responsiveness();
    frame(new Acoustic(CALL, ++seq, T0 + 40_000, Speaker.AGENT, 500, -60.0, null, 0.0, null));
    assertThat(observed).anyMatch(o -> o.has(Signal.Kind.DEAD_AIR));
    assertThat(last().parts().responsiveness()).isLessThan(responsive);
  }

  @Test
  void theCallScoreWeighsTheWholeCall_notJustTheLastMinute() {
    angryCall();
    assertThat(scorer.blendFeatures()).hasSize(ScoreBlend.FEATURES.size());
    ScoreUpdate end = last();
    assertThat(end.callScore()).isBetween(0, 100);
    assertThat(scorer.peekScore()).isEqualTo(end.score());
  }

  @Test
  void theSameCallScoresTheSameTwice() {
    angryCall();
    List<ScoreUpdate> first = List.copyOf(updates);
    CareTwoScorerTest again = new CareTwoScorerTest();
    again.angryCall();
    assertThat(again.updates).isEqualTo(first);
  }
}
