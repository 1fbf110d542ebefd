package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CallEngine;
import io.carepulse.engine.CallSummary;
import io.carepulse.protocol.Speaker;
import io.carepulse.protocol.Utterance;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import io.carepulse.score.Signal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RecognitionTest {

  @Test
  void angryCustomerAcknowledgedAndHelped_earnsStrongRecoveryKudos() {
    CallReplay replay = CallReplay.of("angry-acknowledged-recovers", AlertSettings.defaults());
    Kudos kudos = replay.recognition.ended(true, replay.summary()).orElseThrow();
    assertThat(kudos.reason()).isEqualTo(KudosReason.STRONG_RECOVERY);
    assertThat(kudos.kudosId()).isEqualTo("sc-angry-acknowledged-recovers-kudos");
    assertThat(kudos.message()).isEqualTo("Turned the call around: the customer went from upset to positive (score 11 → 95)");
  }

  @Test
  void aDroppedCallEarnsNothing() {
    CallReplay replay = CallReplay.of("angry-acknowledged-recovers", AlertSettings.defaults());
    assertThat(replay.recognition.ended(false, replay.summary())).isEmpty();
  }

  @Test
  void aCalmWellHandledCallEndsInTheTopBand_butNotInAStricterTeamsBand() {
    CallReplay calm = CallReplay.of("calm-good-call", AlertSettings.defaults());
    Kudos kudos = calm.recognition.ended(true, calm.summary()).orElseThrow();
    assertThat(kudos.reason()).isEqualTo(KudosReason.TOP_BAND);
    assertThat(kudos.message()).isEqualTo("Top-band call: call score 79");
    Recognition strict = CallReplay.of("calm-good-call",
        new AlertSettings(35, 20_000, 5, 35, 30_000, 60_000, 60_000, 2, 120_000, 360_000, 85, 30, 6)).recognition;
    assertThat(strict.ended(true, calm.summary())).as("79 is below a top band of 85").isEmpty();
  }

  @Test
  void aShortCallEarnsNothingWhateverItsScore() {
    Recognition recognition = new Recognition("c1", AlertSettings.defaults());
    CallSummary summary = new CallSummary("c1", "care-1", 90, 90, 57, new Parts(90, 90, 90, 90, 90, 90), List.of(),
        new Recovery(57, 0, 0, 0));
    assertThat(recognition.ended(true, summary)).isEmpty();
  }

  // ---- the rules on their own, in care-1's thresholds: six final turns, a 20-point recovery, a top band from 70

  private final Recognition rules = new Recognition("c1", AlertSettings.care1());
  private long seq;

  private void turns(int count) {
    for (int i = 0; i < count; i++) {
      rules.applied(new Utterance("c1", ++seq, seq * 1_000, Speaker.CUSTOMER, "ok", true, null, null, null),
          CallEngine.Step.NOTHING);
    }
  }

  private void heard(Signal.Kind kind) {
    rules.applied(new Utterance("c1", ++seq, seq * 1_000, Speaker.CUSTOMER, "hm", false, null, null, null),
        new CallEngine.Step(Optional.empty(), List.of(), List.of(new Signal(kind, seq, seq * 1_000, 0))));
  }

  private static CallSummary ending(int score, int callScore, int minScore) {
    return new CallSummary("c1", "care-2", score, callScore, minScore, new Parts(60, 60, 60, 60, 60, 60), List.of(),
        new Recovery(minScore, 1_000, 5_000, 1.0));
  }

  private Optional<KudosReason> kudos(CallSummary summary) {
    return rules.ended(true, summary).map(Kudos::reason);
  }

  @Test
  void sixFinalTurnsAreEnough_partialsDoNotCount() {
    turns(5);
    heard(Signal.Kind.VOICE);
    assertThat(kudos(ending(80, 80, 60))).isEmpty();
    turns(1);
    Kudos kudos = rules.ended(true, ending(80, 75, 60)).orElseThrow();
    assertThat(kudos.reason()).isEqualTo(KudosReason.TOP_BAND);
    assertThat(kudos.message()).isEqualTo("Top-band call: call score 75");
    assertThat(kudos.score()).isEqualTo(80);
    assertThat(kudos.callScore()).isEqualTo(75);
    assertThat(kudos.minScore()).isEqualTo(60);
    assertThat(kudos.callId()).isEqualTo("c1");
  }

  @Test
  void theTopBandStartsAtSeventy() {
    turns(6);
    assertThat(kudos(ending(69, 69, 60))).isEmpty();
    assertThat(kudos(ending(70, 70, 60))).contains(KudosReason.TOP_BAND);
  }

  @Test
  void aRecoveryOfTwentyPointsAfterTheCustomerCameBack_isAStrongRecovery_andWinsOverTheTopBand() {
    turns(6);
    heard(Signal.Kind.CUSTOMER_RECOVERED);
    assertThat(kudos(ending(59, 59, 40))).as("19 points").isEmpty();
    Kudos kudos = rules.ended(true, ending(72, 75, 52)).orElseThrow();
    assertThat(kudos.reason()).isEqualTo(KudosReason.STRONG_RECOVERY);
    assertThat(kudos.message()).endsWith("(score 52 → 72)");
    assertThat(kudos.callScore()).isEqualTo(75);
  }

  @Test
  void aBigRiseWithoutTheCustomersMoodRecovering_isNoRecovery() {
    turns(6);
    assertThat(kudos(ending(65, 65, 40))).isEmpty();
  }

  @Test
  void aCustomerWhoRelapsesAfterRecovering_costsTheRecovery_untilTheyRecoverAgain() {
    turns(6);
    heard(Signal.Kind.CUSTOMER_RECOVERED);
    heard(Signal.Kind.CUSTOMER_CHURN_THREAT);
    assertThat(kudos(ending(65, 65, 40))).isEmpty();
    heard(Signal.Kind.CUSTOMER_RECOVERED);
    assertThat(kudos(ending(65, 65, 40))).contains(KudosReason.STRONG_RECOVERY);
    heard(Signal.Kind.CUSTOMER_ESCALATION);
    assertThat(kudos(ending(65, 65, 40))).isEmpty();
  }

  @Test
  void anEscalationBeforeAnyRecoveryIsNoRelapse() {
    turns(6);
    heard(Signal.Kind.CUSTOMER_ESCALATION);
    heard(Signal.Kind.CUSTOMER_RECOVERED);
    assertThat(kudos(ending(65, 65, 40))).contains(KudosReason.STRONG_RECOVERY);
  }
}
