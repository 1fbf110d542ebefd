package io.carepulse.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call's clock as its frames tell it: a frame may not claim a time well before the call started, nor jump ahead of
 * the latest accepted frame by more than the time that really passed plus the tolerance (5 s here).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallClockTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long TOLERANCE = 5_000;

  private final CallClock clock = new CallClock(TOLERANCE);

  @Test
  void theFirstFrameSetsTheClock_whateverItsTs() {
    assertThat(clock.refusal(Long.MAX_VALUE, 0)).isNull();
    assertThat(clock.refusal(0, 0)).isNull();
  }

  @Test
  void aFrameMayClaimUpToTheToleranceBeforeTheCallStarted_notOneMillisecondMore() {
    clock.accepted(T0, 0);
    assertThat(clock.refusal(T0 - TOLERANCE, 0)).isNull();
    assertThat(clock.refusal(T0 - TOLERANCE - 1, 0))
        .isEqualTo("ts is 5001 ms before the call started (at most 5000 ms)");
  }

  @Test
  void aLongSilenceIsFine_aJumpPastTheTimeThatPassedIsNot() {
    clock.accepted(T0, 1_000);
    // 60 s of real time later, a frame 60 s + the tolerance ahead still fits; one millisecond more does not.
    assertThat(clock.refusal(T0 + 65_000, 61_000)).isNull();
    assertThat(clock.refusal(T0 + 65_001, 61_000))
        .isEqualTo("ts is 5001 ms ahead of the call's clock (at most 5000 ms)");
    // ts 2^53-1, the kind of value a broken client sends
    assertThat(clock.refusal(9_007_199_254_740_991L, 61_000)).startsWith("ts is ").contains("ahead of the call's clock");
  }

  @Test
  void aServerClockThatStepsBackGivesNoExtraAllowance() {
    clock.accepted(T0, 10_000);
    assertThat(clock.refusal(T0 + TOLERANCE, 4_000)).isNull();
    assertThat(clock.refusal(T0 + TOLERANCE + 1, 4_000))
        .isEqualTo("ts is 5001 ms ahead of the call's clock (at most 5000 ms)");
  }

  @Test
  void aReplaySentFasterThanRealTimePassesStepByStep() {
    long ts = T0;
    clock.accepted(ts, 0);
    for (int i = 0; i < 20; i++) {
      ts += TOLERANCE;
      assertThat(clock.refusal(ts, 0)).as("step %d", i).isNull();
      clock.accepted(ts, 0);
    }
    assertThat(clock.refusal(ts + TOLERANCE + 1, 0)).isNotNull();
  }

  @Test
  void onlyANewerFrameMovesTheClock_aLateOrSameTimeFrameKeepsWhenTheLatestArrived() {
    clock.accepted(T0, 0);
    clock.accepted(T0 + 10_000, 10_000);
    clock.accepted(T0 + 2_000, 15_000);
    clock.accepted(T0 + 10_000, 15_000);
    // Measured from the frame at T0 + 10 s that arrived at 10 s: 10 s passed by server time 20 s.
    assertThat(clock.refusal(T0 + 25_000, 20_000)).isNull();
    assertThat(clock.refusal(T0 + 25_001, 20_000)).isNotNull();
    // The start stays the first frame's ts.
    assertThat(clock.refusal(T0 - TOLERANCE, 20_000)).isNull();
    assertThat(clock.refusal(T0 - TOLERANCE - 1, 20_000)).startsWith("ts is 5001 ms before");
  }
}
