package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RefusedOriginsTest {

  @Test
  void aRefusedOriginIsWarnedAboutOncePerQuietPeriod_eachOriginOnItsOwn() {
    String origin = "https://refused-" + System.nanoTime() + ".example";
    String other = origin.replace("refused", "other");
    long t0 = 1_000_000;
    assertThat(RefusedOrigins.warnOnce(origin, "/v1/calls", t0)).isTrue();
    assertThat(RefusedOrigins.warnOnce(origin, "/v1/calls", t0 + 1)).isFalse();
    assertThat(RefusedOrigins.warnOnce(other, "/v1/calls", t0 + 2)).isTrue();
    assertThat(RefusedOrigins.warnOnce(origin, "/v1/calls", t0 + RefusedOrigins.QUIET_MILLIS - 1)).isFalse();
    assertThat(RefusedOrigins.warnOnce(origin, "/v1/calls", t0 + RefusedOrigins.QUIET_MILLIS)).isTrue();
  }
}
