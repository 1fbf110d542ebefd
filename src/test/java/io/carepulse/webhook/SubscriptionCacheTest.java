package io.carepulse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.store.WebhookSubscription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SubscriptionCacheTest {

  private final List<Promise<List<WebhookSubscription>>> reads = new ArrayList<>();
  private long nowMs = 1_000;
  private final SubscriptionCache cache = new SubscriptionCache(this::read, 5_000, () -> nowMs);

  private Future<List<WebhookSubscription>> read() {
    Promise<List<WebhookSubscription>> read = Promise.promise();
    reads.add(read);
    return read.future();
  }

  private static final List<WebhookSubscription> ONE = List.of(new WebhookSubscription("w-1",
      "https://crm.example.com/hooks", List.of("call.ended"), "s".repeat(32), "crm-1", Instant.EPOCH));

  @Test
  void eventsDuringARead_shareIt() {
    Future<List<WebhookSubscription>> first = cache.get();
    for (int i = 0; i < 1_000; i++) {
      assertThat(cache.get()).isSameAs(first);
    }
    assertThat(reads).hasSize(1);
  }

  @Test
  void aSuccessfulRead_servesUntilItIsStale() {
    cache.get();
    reads.get(0).complete(ONE);
    nowMs += 4_999;
    assertThat(cache.get().result()).isEqualTo(ONE);
    assertThat(reads).hasSize(1);
    nowMs += 1;
    cache.get();
    assertThat(reads).hasSize(2);
  }

  @Test
  void aFailedRead_isNotReused() {
    cache.get();
    reads.get(0).fail("pool busy");
    cache.get();
    assertThat(reads).hasSize(2);
  }

  @Test
  void aChangeOnThisNode_readsAgainAtOnce_evenWhileAnOlderReadIsInFlight() {
    cache.get();
    reads.get(0).complete(ONE);
    cache.invalidate();
    cache.get();
    assertThat(reads).hasSize(2);
    cache.invalidate();
    cache.get();
    assertThat(reads).hasSize(3);
  }
}
