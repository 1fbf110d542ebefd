package io.carepulse.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.store.CallRecord;
import io.carepulse.store.JournalBatch;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The journal writes through connections of its own: with every read connection busy and a queue of reads behind
 * it (agents reconnecting after a restart, each call looked up), a batch still commits at once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JournalLaneTest {

  private TestDatabase db;
  private Vertx vertx;
  private Pool reads;
  private Pool journal;

  @BeforeEach
  void open() {
    db = TestDatabase.create("journal_lane").migrated();
    vertx = Vertx.vertx();
    reads = db.pool(vertx, 1);
    journal = PgStore.pool(vertx, db.url(), 1, "test-journal");
  }

  @AfterEach
  void close() {
    vertx.close().await();
    db.close();
  }

  @Test
  void aBatchCommits_whileEveryReadConnectionIsBusy() throws Exception {
    PgStore store = new PgStore(reads, journal);
    // The one read connection sleeps 6 s, longer than the pool's 5 s wait for a connection; 200 lookups queue behind it.
    Future<?> busy = reads.query("SELECT pg_sleep(6)").execute();
    List<Future<?>> lookups = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      lookups.add(store.call("c-" + i));
    }

    store.write(new JournalBatch(List.of(CallRecord.started("c1", "agent-1", "team-a", "cu-1", "Dana", "en-US",
        Instant.parse("2026-12-03T09:00:00Z"))), List.of(), List.of(), List.of(), List.of(), List.of(), List.of()))
        .await(4, TimeUnit.SECONDS);

    assertThat(busy.isComplete()).as("the read connection was still busy when the batch committed").isFalse();
    assertThat(db.count("SELECT count(*) FROM calls WHERE call_id = 'c1'")).isEqualTo(1);
  }
}
