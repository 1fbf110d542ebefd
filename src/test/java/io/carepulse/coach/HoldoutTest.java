package io.carepulse.coach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HoldoutTest {

  /**
   * The documented hash, checked against values computed outside Java (Python):
   * {@code int.from_bytes(sha256((e + "\n" + c).encode()).digest()[:8], "big") >> 11) * 2**-53}.
   */
  @Test
  void aCallsPositionIsTheDocumentedHash() {
    assertThat(Holdout.position("uplift-1", "call-42")).isCloseTo(0.3465066867878457, within(1e-15));
    assertThat(Holdout.position("uplift-1", "c-0001")).isCloseTo(0.17817683828952702, within(1e-15));
    assertThat(Holdout.position("spring-2027", "call-42")).isCloseTo(0.22488978998930298, within(1e-15));
  }

  @Test
  void callsBelowTheShareAreControl() {
    assertThat(new Holdout("uplift-1", 0.35).assign("call-42").orElseThrow().arm()).isEqualTo(Holdout.Arm.CONTROL);
    assertThat(new Holdout("uplift-1", 0.34).assign("call-42").orElseThrow().arm()).isEqualTo(Holdout.Arm.TREATED);
    assertThat(new Holdout("uplift-1", 0.2).assign("call-42").orElseThrow().experiment()).isEqualTo("uplift-1");
  }

  @Test
  void theControlShareOfManyCallsIsTheSettingAndANewExperimentSplitsAfresh() {
    Holdout first = new Holdout("uplift-1", 0.2);
    Holdout second = new Holdout("uplift-2", 0.2);
    int control = 0;
    int bothControl = 0;
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      String callId = "call-" + i;
      boolean a = first.assign(callId).orElseThrow().control();
      boolean b = second.assign(callId).orElseThrow().control();
      control += a ? 1 : 0;
      bothControl += a && b ? 1 : 0;
    }
    // Binomial(20000, 0.2): sd ≈ 57 calls, so ±1% is about 3.5 sd.
    assertThat(control / (double) n).isCloseTo(0.2, within(0.01));
    // Independent splits: both control in about 0.2 · 0.2 of calls.
    assertThat(bothControl / (double) n).isCloseTo(0.04, within(0.006));
  }

  @Test
  void noShareRunsNoExperiment() {
    assertThat(Holdout.NONE.assign("call-42")).isEmpty();
    assertThat(new Holdout("uplift-1", 0).assign("call-42")).isEmpty();
  }

  @Test
  void sharesAboveHalfOrBadIdsAreRefused() {
    assertThatThrownBy(() -> new Holdout("uplift-1", 0.6)).hasMessageContaining("holdout.share");
    assertThatThrownBy(() -> new Holdout("uplift-1", -0.1)).hasMessageContaining("holdout.share");
    assertThatThrownBy(() -> new Holdout("two words", 0.1)).hasMessageContaining("holdout.experiment");
  }
}
