package io.carepulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
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
}
