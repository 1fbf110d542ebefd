package io.carepulse.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.engine.CallSummary;
import io.carepulse.live.CallEvent;
import io.carepulse.live.CallInfo;
import io.carepulse.live.EndedCall;
import io.carepulse.protocol.CallStart;
import io.carepulse.score.AgentPace;
import io.carepulse.score.Parts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each agent's recent ended calls make their baseline: the latest ones within the window that started before. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentMemoryTest {

  private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
  private final AgentMemory memory = new AgentMemory(Duration.ofDays(30), Clock.fixed(T0, ZoneOffset.UTC));

  private void ends(String callId, String agentId, Instant at, AgentPace pace) {
    CallSummary summary = new CallSummary(callId, "care-2", 60, 60, 50, new Parts(50, 50, 50, 50, 50, 50), List.of(),
        null, null, pace);
    CallStart start = new CallStart(callId, 1, at.minusSeconds(300).toEpochMilli(), null, "team-a", null, java.util.Map.of());
    memory.on(new CallEvent.Ended(new CallInfo(callId, agentId, "team-a", start),
        new EndedCall(callId, agentId, "team-a", 5, "completed", summary, at)));
  }

  @Test
  void anAgentsEndedCallsMakeTheirBaseline_latestTwentyWithinTheWindow() {
    ends("old", "a1", T0.minus(Duration.ofDays(40)), new AgentPace(100.0, null, null));
    for (int i = 0; i < 25; i++) {
      ends("c" + i, "a1", T0.plusSeconds(600L * i), new AgentPace(150.0 + i, null, null));
    }
    ends("other", "a2", T0, new AgentPace(300.0, null, null));
    ends("unmeasured", "a1", T0.plusSeconds(30), AgentPace.NONE);

    List<AgentPace> later = memory.recall("a1", T0.plus(Duration.ofDays(1))).calls();
    assertThat(later).hasSize(AgentMemory.CALLS_PER_AGENT);
    assertThat(later.get(0).wordsPerMin()).isEqualTo(155.0);
    assertThat(later.get(later.size() - 1).wordsPerMin()).isEqualTo(174.0);

    // A call starting in the middle of the day counts only the calls that started before it (as a recovered one would).
    // (c0–c4 made way for the latest twenty.)
    assertThat(memory.recall("a1", T0.plusSeconds(4300)).calls()).extracting(AgentPace::wordsPerMin)
        .containsExactly(155.0, 156.0, 157.0);
    assertThat(memory.recall("a3", T0).calls()).isEmpty();
    assertThat(memory.recall(null, T0).calls()).isEmpty();
  }
}
