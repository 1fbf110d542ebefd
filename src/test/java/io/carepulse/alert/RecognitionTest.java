package io.carepulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CallSummary;
import io.carepulse.score.Parts;
import io.carepulse.score.Recovery;
import java.util.List;
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
}
