package io.carepulse.store.pg;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.coach.PromptKind;
import io.carepulse.engine.CallSummary;
import io.carepulse.history.TranscriptRetention;
import io.carepulse.score.Parts;
import io.carepulse.score.Trend;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallRecord;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.OutcomeRecord;
import io.carepulse.store.ScorePoint;
import io.carepulse.store.StoredFrame;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TranscriptRetentionTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  private TestDatabase db;
  private Pool pool;
  private PgStore store;

  @BeforeEach
  void database(Vertx vertx) {
    db = TestDatabase.create("retention").migrated();
    pool = db.pool(vertx, 2);
    store = new PgStore(pool);
  }

  @AfterEach
  void drop() {
    pool.close();
    db.close();
  }

  @Test
  void after30Days_whatWasSaidIsGone_scoresAndOutcomesStay_recentAndLiveCallsKeepTheirs(Vertx vertx) {
    call("old", NOW.minus(Duration.ofDays(45)), true);
    call("recent", NOW.minus(Duration.ofDays(3)), true);
    call("live", NOW.minus(Duration.ofDays(60)), false);
    store.saveOutcome(new OutcomeRecord("o-1", "old", 5, 10, true, "survey", "k-1", NOW.minus(Duration.ofDays(44))))
        .await();

    TranscriptRetention retention = new TranscriptRetention(store, Duration.ofDays(30), Duration.ofHours(1),
        Clock.fixed(NOW, ZoneOffset.UTC));
    assertThat(retention.runOnce().await()).isEqualTo(600);
    assertThat(retention.runOnce().await()).isZero();

    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'old' AND type = 'utterance'")).isZero();
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'old'")).as("call.start stays").isEqualTo(1);
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'recent'")).isEqualTo(601);
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'live'")).isEqualTo(601);
    assertThat(db.count("SELECT count(*) FROM score_points WHERE call_id = 'old'")).isEqualTo(600);
    assertThat(store.outcomes("old").await()).hasSize(1);
    assertThat(store.call("old").await().orElseThrow().summary()).isNotNull();
  }

  /** A call of 600 utterances, each scored, that ended a few minutes after {@code started} (or is still live). */
  private void call(String callId, Instant started, boolean ended) {
    Parts parts = new Parts(50, 50, 50, 50, 50, 50);
    List<StoredFrame> frames = new java.util.ArrayList<>();
    List<ScorePoint> points = new java.util.ArrayList<>();
    frames.add(new StoredFrame(callId, 1, "call.start", started, new JsonObject().put("type", "call.start")));
    for (int seq = 2; seq <= 601; seq++) {
      frames.add(new StoredFrame(callId, seq, "utterance", started,
          new JsonObject().put("type", "utterance").put("text", "words " + seq)));
      points.add(new ScorePoint(callId, seq, seq * 1000L, 50, 50, parts, Trend.STEADY, List.of(), started));
    }
    List<CallEnding> endings = ended ? List.of(new CallEnding(callId, "resolved", 601, new CallSummary(callId, "care-1",
        50, 50, 40, parts, List.of(PromptKind.CHECK_IN), null), started.plusSeconds(600))) : List.of();
    store.write(new JournalBatch(List.of(CallRecord.started(callId, "agent-1", "team-a", null, null, "en-US", started)),
        frames, points, List.of(), List.of(), List.of(), endings)).await();
  }
}
