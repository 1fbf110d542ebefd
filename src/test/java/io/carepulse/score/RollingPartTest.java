package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RollingPartTest {

  @Test
  void evidenceHalvesInWeightEveryHalfLifeWhileTheWholeCallValueKeepsIt() {
    RollingPart part = new RollingPart(50, 1, 60_000);
    part.add(90, 1, 0);
    assertThat(part.rolling(0)).isCloseTo(70, within(1e-9));
    assertThat(part.rolling(60_000)).isCloseTo((50 + 90 * 0.5) / 1.5, within(1e-9));
    assertThat(part.wholeCall()).isCloseTo(70, within(1e-9));
  }

  @Test
  void newerEvidenceOutweighsOlder() {
    RollingPart part = new RollingPart(50, 1, 60_000);
    part.add(10, 1, 0);
    part.add(90, 1, 120_000);
    assertThat(part.rolling(120_000)).isGreaterThan(60);
    assertThat(part.wholeCall()).isCloseTo(50, within(1e-9));
  }
}
