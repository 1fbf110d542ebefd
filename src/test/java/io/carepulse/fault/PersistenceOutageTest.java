package io.carepulse.fault;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.live.AgentClient;
import io.carepulse.live.ServiceBehindProxy;
import io.carepulse.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, faults: PostgreSQL cut for 30 s (through a loopback TCP proxy the test starts; the shared server is never
 * touched) in the middle of a call streaming 10 frames a second. The agent keeps getting every score; acks are held
 * for the whole cut; /ready says degraded, then 503 once acks have waited past journalStallBound; when the database
 * is back the held acks are released, /ready is 200 again, and the table holds every frame exactly once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PersistenceOutageTest {

  private static final Duration CUT = Duration.ofSeconds(30);
  private static final Duration STALL_BOUND = Duration.ofSeconds(10);
  private static final long FRAME_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private ServiceBehindProxy rig;
  private AgentClient agent;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    rig = ServiceBehindProxy.start("cut30", new JsonObject().put("journalStallBound", STALL_BOUND.toMillis() + "ms"));
    agent = AgentClient.withHeader(vertx, rig.port(), rig.service.agentToken("agent-1"));
  }

  @AfterEach
  void stop() throws Exception {
    agent.close();
    rig.close();
  }

  @Test
  void aThirtySecondCut_holdsAcks_keepsScoring_turnsReadyDownPastTheBound_thenLosesNothing() throws Exception {
    agent.send(callStart("c1"));
    for (long seq = 2; seq <= 20; seq++) {
      agent.send(customerSays("c1", seq, "turn " + seq));
    }
    agent.awaitAck("c1", 20);

    rig.proxy.cut();
    long cutAt = System.nanoTime();
    long seq = 20;
    Map<Long, Integer> scores = new HashMap<>();
    int readyWhileYoung = -1;
    int readyPastBound = -1;
    String statePastBound = null;
    long next = cutAt;
    while (System.nanoTime() - cutAt < CUT.toNanos()) {
      seq++;
      agent.send(customerSays("c1", seq, "are you still there? turn " + seq));
      awaitScore(seq, scores);
      long downFor = System.nanoTime() - cutAt;
      if (readyWhileYoung < 0 && downFor > TimeUnit.SECONDS.toNanos(1)) {
        readyWhileYoung = ready().getInteger("status");
      }
      if (readyPastBound < 0 && downFor > STALL_BOUND.toNanos() + TimeUnit.SECONDS.toNanos(3)) {
        JsonObject ready = ready();
        readyPastBound = ready.getInteger("status");
        statePastBound = historyState(ready);
      }
      next += FRAME_EVERY_NANOS;
      LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
    }
    long held = seq - 20;
    assertThat(rig.db.count("SELECT count(*) FROM frames")).as("nothing reached the database while cut").isEqualTo(20);
    assertThat(readyWhileYoung).as("/ready while acks have waited less than the bound").isEqualTo(200);
    assertThat(readyPastBound).as("/ready once acks have waited past the bound").isEqualTo(503);
    assertThat(statePastBound).isEqualTo("stalled");

    rig.proxy.restore();
    long restoredAt = System.nanoTime();
    agent.awaitAck("c1", seq);
    long ackedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
    Await.until(Duration.ofSeconds(10), "/ready 200 again", () -> ready().getInteger("status") == 200);
    long readyAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
    for (long more = seq + 1; more <= seq + 10; more++) {
      agent.send(customerSays("c1", more, "thanks for waiting, turn " + more));
    }
    long last = seq + 10;
    agent.awaitAck("c1", last);

    assertThat(scores.values()).as("every frame scored once during the cut").allMatch(n -> n == 1);
    assertThat(scores).hasSize((int) held);
    assertThat(rig.db.count("SELECT count(*) FROM frames WHERE call_id = 'c1'")).as("every frame stored").isEqualTo(last);
    assertThat(rig.db.count("SELECT count(DISTINCT seq) FROM frames WHERE call_id = 'c1'")).isEqualTo(last);
    assertThat(rig.db.count("SELECT max(seq) FROM frames WHERE call_id = 'c1'")).isEqualTo(last);
    assertThat(rig.db.count("SELECT count(*) FROM score_points WHERE call_id = 'c1'"))
        .as("one score point per scored frame, none twice").isEqualTo(rig.db.count(
            "SELECT count(DISTINCT seq) FROM score_points WHERE call_id = 'c1'"));
    System.out.printf("cut30: database cut %d s; %d frames scored live with acks held; /ready %d at 1 s, %d (%s) "
            + "past the %d s bound; held acks released %d ms after restore, /ready 200 after %d ms; %d frames stored "
            + "once each%n", CUT.toSeconds(), held, readyWhileYoung, readyPastBound, statePastBound,
        STALL_BOUND.toSeconds(), ackedAfterMillis, readyAfterMillis, last);
  }

  /** Reads up to the score of {@code seq}: prompts pass; an ack or an error fails the test (none while cut). */
  private void awaitScore(long seq, Map<Long, Integer> scores) {
    while (true) {
      JsonObject message = agent.next();
      String type = message.getString("type");
      assertThat(type).as("while the database is cut: %s", message).isNotIn("ack", "error");
      if (type.equals("score")) {
        scores.merge(message.getLong("seq"), 1, Integer::sum);
        if (message.getLong("seq") == seq) {
          return;
        }
      }
    }
  }

  private JsonObject ready() {
    return rig.ready();
  }

  private static String historyState(JsonObject ready) {
    return ServiceBehindProxy.historyState(ready);
  }
}
