package io.carepulse.fault;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.live.AgentClient;
import io.carepulse.live.DurableService;
import io.carepulse.live.Frames;
import io.carepulse.store.pg.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, faults: the agent's client dies mid-call (TCP reset, no close frame) with frames on the wire, then a new
 * connection resumes the call from the last ack it saw. Nothing acked is lost, nothing is applied twice: the resumed
 * socket scores only frames from {@code nextSeq} on, and PostgreSQL holds each frame of the call once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HistoryClientKillTest {

  private static final int FRAMES = 300;

  private TestDatabase db;
  private DurableService service;
  private AgentClient resumed;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create("clientkill");
    service = DurableService.start(db.url(), new JsonObject());
  }

  @AfterEach
  void stop() throws Exception {
    if (resumed != null) {
      resumed.close();
    }
    service.close();
    db.close();
  }

  @Test
  void aClientKilledMidCall_resumes_losingNothing_applyingNothingTwice(Vertx vertx) throws Exception {
    String token = service.agentToken("agent-1");
    long lastAckSeen = 0;
    long sentBeforeKill;
    try (HistoryRawSocket dying = HistoryRawSocket.connect(service.port(), token)) {
      assertThat(new JsonObject(dying.nextText()).getString("type")).isEqualTo("welcome");
      dying.sendText(callStart("ck1").encode());
      for (long seq = 2; seq <= FRAMES / 2; seq++) {
        dying.sendText(customerSays("ck1", seq, "turn " + seq + ", the refund never arrived").encode());
      }
      while (lastAckSeen < FRAMES / 4) {
        JsonObject message = new JsonObject(dying.nextText());
        if ("ack".equals(message.getString("type"))) {
          lastAckSeen = message.getLong("seq");
        }
      }
      sentBeforeKill = FRAMES / 2;
      dying.kill();
    }

    resumed = AgentClient.withHeader(vertx, service.port(), token);
    resumed.send(Frames.hello(null, "ck1", lastAckSeen));
    long nextSeq = resumed.expect("welcome").getJsonArray("resume").getJsonObject(0).getLong("nextSeq");
    assertThat(nextSeq - 1).as("resume starts after what was applied").isGreaterThanOrEqualTo(lastAckSeen)
        .isLessThanOrEqualTo(sentBeforeKill);
    int seenBefore = resumed.seen.size();
    for (long seq = nextSeq; seq < FRAMES; seq++) {
      resumed.send(customerSays("ck1", seq, "turn " + seq + ", the refund never arrived"));
    }
    resumed.send(end("ck1", FRAMES));
    resumed.awaitAck("ck1", FRAMES);

    assertThat(resumed.seen.subList(seenBefore, resumed.seen.size()).stream()
        .filter(m -> "score".equals(m.getString("type"))).mapToLong(m -> m.getLong("seq")))
        .as("the resumed socket scores only frames it sent: nothing applied twice").allMatch(seq -> seq >= nextSeq);
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = 'ck1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT count(DISTINCT seq) FROM frames WHERE call_id = 'ck1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT max(seq) FROM frames WHERE call_id = 'ck1'")).isEqualTo(FRAMES);
    assertThat(db.count("SELECT count(*) FROM calls WHERE call_id = 'ck1' AND state = 'ended'")).isEqualTo(1);
    System.out.printf("clientkill: reset after %d frames sent, last ack seen %d; resumed at %d; %d frames stored once "
        + "each%n", sentBeforeKill, lastAckSeen, nextSeq, FRAMES);
  }
}
