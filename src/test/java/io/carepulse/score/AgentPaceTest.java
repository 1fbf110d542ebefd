package io.carepulse.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call's pace is empty only when it measured none of its three figures. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentPaceTest {

  @Test
  void emptyOnlyWhenAllThreeFiguresAreMissing() {
    assertThat(AgentPace.NONE.isEmpty()).isTrue();
    assertThat(new AgentPace(180.0, null, null).isEmpty()).isFalse();
    assertThat(new AgentPace(null, 200.0, null).isEmpty()).isFalse();
    assertThat(new AgentPace(null, null, 0.5).isEmpty()).isFalse();
  }
}
