package io.carepulse.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.Holdout;
import io.carepulse.engine.CallContext;
import io.carepulse.live.CallRecovery;
import io.carepulse.score.AgentBaseline;
import io.carepulse.score.CallerHistory;
import io.carepulse.store.CallRecord;
import io.carepulse.store.InMemoryStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.StoredFrame;
import io.carepulse.wire.FrameReader;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A call rebuilt after a restart or a fail-over starts from what it started from live: the context kept with it, not
 * a fresh look-up (by then the customer may have more calls in history, or the team another experiment).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HistoryRecoveryTest {

  private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

  private final InMemoryStore store = new InMemoryStore(100, 10);
  private final HistoryRecovery recovery = new HistoryRecovery(store, FrameReader.load(), () -> true);

  private void stored(CallRecord call) {
    JsonObject start = new JsonObject().put("type", "call.start").put("callId", call.callId()).put("seq", 1)
        .put("ts", T0.toEpochMilli()).put("customer", new JsonObject().put("id", "cu-1")).put("teamId", "team-a");
    store.write(new JournalBatch(List.of(call), List.of(new StoredFrame(call.callId(), 1, "call.start", T0, start)),
        List.of(), List.of(), List.of(), List.of(), List.of())).await();
  }

  @Test
  void aLiveCallComesBackWithTheContextItStartedFrom() {
    CallContext context = new CallContext("care-2", new CallerHistory(List.of(new CallerHistory.PriorCall("c0",
        T0.minusSeconds(7200).toEpochMilli(), T0.minusSeconds(6600).toEpochMilli(), 28, 33, false, "billing"))),
        AgentBaseline.NONE, new Holdout.Assignment("exp-1", Holdout.Arm.CONTROL));
    stored(CallRecord.started("c1", "agent-1", "team-a", "cu-1", null, "en-US", T0, context));

    CallRecovery.Live live = (CallRecovery.Live) recovery.recover("c1").await().orElseThrow();

    assertThat(live.context()).isEqualTo(context);
    assertThat(live.frames()).hasSize(1);
  }

  @Test
  void aCallStoredBeforeContextsWereKept_comesBackWithout_andIsLookedUpAgain() {
    stored(CallRecord.started("c1", "agent-1", "team-a", "cu-1", null, "en-US", T0));

    CallRecovery.Live live = (CallRecovery.Live) recovery.recover("c1").await().orElseThrow();

    assertThat(live.context()).isNull();
  }
}
