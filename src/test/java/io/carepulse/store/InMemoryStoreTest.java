package io.carepulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryStoreTest extends CarePulseStoreContract {

  @Override
  protected CarePulseStore newStore(Vertx vertx) {
    return new InMemoryStore(1_000, 100);
  }

  @Test
  void aFullStore_forgetsTheOldestEndedCallFirst() {
    InMemoryStore small = new InMemoryStore(2, 10);
    small.write(started("c1", "agent-1", "team-a", T0)).await();
    small.write(started("c2", "agent-1", "team-a", T0.plusSeconds(1))).await();
    small.write(ended("c2", "resolved", 1, summary("c2", 50, 50, 50), T0.plusSeconds(2))).await();
    small.write(started("c3", "agent-1", "team-a", T0.plusSeconds(3))).await();

    assertThat(small.call("c2").await()).isEmpty();
    assertThat(small.call("c1").await()).isPresent();
    assertThat(small.call("c3").await()).isPresent();
  }

  @Test
  void aFullStore_recordsTheCallItForgotAsEvicted() {
    InMemoryStore small = new InMemoryStore(1, 10);
    small.write(started("c1", "agent-1", "team-a", T0)).await();
    small.write(ended("c1", "resolved", 1, summary("c1", 50, 50, 50), T0.plusSeconds(2))).await();
    small.write(started("c2", "agent-1", "team-a", T0.plusSeconds(3))).await();

    assertThat(small.evicted("c1").await()).hasValueSatisfying(gone -> {
      assertThat(gone.agentId()).isEqualTo("agent-1");
      assertThat(gone.teamId()).isEqualTo("team-a");
      assertThat(gone.endedAt()).isEqualTo(T0.plusSeconds(2));
    });
    assertThat(small.evicted("c2").await()).isEmpty();
    assertThat(small.evicted("never").await()).isEmpty();
    assertThat(small.evictions()).isEqualTo(1);
  }

  @Test
  void pastItsByteBound_theStoreForgetsTheOldestEndedCalls_butNoLiveOne() {
    String text = "x".repeat(2_000);
    InMemoryStore store = new InMemoryStore(1_000, 40_000, 10);
    store.write(started("live", "agent-1", "team-a", T0)).await();
    for (int c = 0; c < 10; c++) {
      String callId = "c" + c;
      store.write(started(callId, "agent-1", "team-a", T0.plusSeconds(c + 1))).await();
      store.write(frames(callId, text, 4)).await();
      store.write(ended(callId, "resolved", 4, summary(callId, 50, 50, 50), T0.plusSeconds(c + 2))).await();
      store.write(frames("live", text, 1, c)).await();
      assertThat(store.bytes()).as("after call %d", c).isLessThanOrEqualTo(40_000);
    }
    // Each ended call holds ~8 KB of text: a few of the newest fit beside the live call, oldest forgotten first.
    assertThat(store.call("live").await()).isPresent();
    assertThat(store.frames("live", 0, 100).await()).hasSize(10);
    assertThat(store.call("c9").await()).isPresent();
    assertThat(store.frames("c9", 0, 100).await()).hasSize(4)
        .allSatisfy(frame -> assertThat(frame.frame().getString("text")).isEqualTo(text));
    assertThat(store.call("c0").await()).isEmpty();
    assertThat(store.evicted("c0").await()).isPresent();
    long kept = java.util.stream.IntStream.range(0, 10).filter(c -> store.call("c" + c).await().isPresent()).count();
    assertThat(kept).isBetween(1L, 4L);
    assertThat(store.evictions()).isEqualTo(10 - kept);
    // Those kept are the newest.
    for (int c = 0; c < 10; c++) {
      assertThat(store.call("c" + c).await().isPresent()).as("c%d kept", c).isEqualTo(c >= 10 - kept);
    }
  }

  @Test
  void theEstimate_growsWithWhatIsKept_andShrinksWithWhatIsForgotten() {
    InMemoryStore store = new InMemoryStore(1_000, 10);
    long empty = store.bytes();
    store.write(started("c1", "agent-1", "team-a", T0)).await();
    long started = store.bytes();
    store.write(frames("c1", "y".repeat(10_000), 1)).await();
    long withText = store.bytes();
    assertThat(started).isGreaterThan(empty);
    // The text as bytes plus a little for the frame; never less than what it holds.
    assertThat(withText - started).isBetween(10_000L, 10_600L);
    store.write(frames("c1", "y".repeat(10_000), 1)).await();
    assertThat(store.bytes()).as("a duplicate frame keeps nothing").isEqualTo(withText);
    store.write(new JournalBatch(List.of(), List.of(), List.of(point("c1", 2, 500, 60, 60)), List.of(), List.of(),
        List.of(), List.of())).await();
    assertThat(store.bytes()).isGreaterThan(withText);
    store.write(ended("c1", "resolved", 2, summary("c1", 50, 50, 50), T0.plusSeconds(5))).await();

    assertThat(store.deleteTranscriptsEndedBefore(T0.plusSeconds(10)).await()).isEqualTo(1);
    assertThat(store.bytes()).isLessThan(withText - 10_000 + 600);
    assertThat(store.forgetCustomer("cu-c1").await()).isEqualTo(1);
    assertThat(store.bytes()).isEqualTo(empty);
  }

  /** {@code count} utterances of {@code text} for {@code callId}, seq 2 on (or after {@code offset} earlier ones). */
  private static JournalBatch frames(String callId, String text, int count, int offset) {
    List<StoredFrame> frames = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(utterance(callId, 2 + offset + i, "customer", text));
    }
    return new JournalBatch(List.of(), frames, List.of(), List.of(), List.of(), List.of(), List.of());
  }

  private static JournalBatch frames(String callId, String text, int count) {
    return frames(callId, text, count, 0);
  }
}
