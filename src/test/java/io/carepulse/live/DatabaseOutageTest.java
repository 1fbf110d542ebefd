package io.carepulse.live;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.carepulse.testing.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PostgreSQL goes away in the middle of a call (the connection is cut through a proxy) and comes back: the agent keeps
 * getting scores, acks wait, /ready says degraded, past the queue bound new frames are refused with store_unavailable,
 * and once the database is back the queue drains, acks resume and every acked frame is in the table.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {

  private static final int BOUND = 100;

  private ServiceBehindProxy rig;
  private AgentClient agent;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    rig = ServiceBehindProxy.start("outage",
        new JsonObject().put("journalQueueBound", BOUND).put("journalBatchSize", 50));
    agent = AgentClient.withHeader(vertx, rig.port(), rig.service.agentToken("agent-1"));
  }

  @AfterEach
  void stop() throws Exception {
    agent.close();
    rig.close();
  }

  @Test
  void anOutage_holdsAcks_keepsScoring_refusesPastTheBound_andLosesNothingAcked() throws Exception {
    agent.send(callStart("c1"));
    for (int seq = 2; seq <= 10; seq++) {
      agent.send(customerSays("c1", seq, "turn " + seq));
    }
    agent.awaitAck("c1", 10);

    rig.proxy.cut();
    long cutAt = System.nanoTime();
    for (int seq = 11; seq <= 40; seq++) {
      agent.send(customerSays("c1", seq, "still waiting, turn " + seq));
    }
    for (int seq = 11; seq <= 40; seq++) {
      assertThat(scoreOrError(seq).getString("type")).as("scores keep coming during the outage").isEqualTo("score");
    }
    Await.holds(Duration.ofMillis(300), "no ack past the outage", () -> acks().stream().allMatch(seq -> seq <= 10));
    assertThat(acks()).as("no ack past the outage").allMatch(seq -> seq <= 10);
    JsonObject ready = ready(200);
    assertThat(history(ready).getJsonObject("data").getString("state")).isEqualTo("degraded");

    // Past the bound: frames are refused, with where to resend from.
    int seq = 41;
    JsonObject refused = null;
    while (refused == null && seq < 41 + 2 * BOUND) {
      agent.send(customerSays("c1", seq, "hello?"));
      JsonObject answer = scoreOrError(seq++);
      if ("error".equals(answer.getString("type"))) {
        refused = answer;
      }
    }
    assertThat(refused).isNotNull();
    assertThat(refused.getString("code")).isEqualTo("store_unavailable");
    long resendFrom = refused.getLong("expectedSeq");
    assertThat(resendFrom - 1).as("frames applied while down stop at the bound").isEqualTo(10 + BOUND);
    assertThat(history(ready(503)).getJsonObject("data").getString("state")).isEqualTo("full");
    assertThat(rig.db.count("SELECT count(*) FROM frames")).as("nothing reached the database while it was away")
        .isEqualTo(10);

    long restoredAt = System.nanoTime();
    long downMillis = TimeUnit.NANOSECONDS.toMillis(restoredAt - cutAt);
    rig.proxy.restore();
    agent.awaitAck("c1", resendFrom - 1);
    long drainMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoredAt);
    for (long next = resendFrom; next < resendFrom + 10; next++) {
      agent.send(customerSays("c1", next, "back again, turn " + next));
    }
    long last = resendFrom + 9;
    agent.awaitAck("c1", last);
    assertThat(rig.db.count("SELECT count(*) FROM frames WHERE call_id = 'c1'")).as("every acked frame is stored")
        .isEqualTo(last);
    assertThat(rig.db.count("SELECT max(seq) FROM frames WHERE call_id = 'c1'")).isEqualTo(last);
    ready(200);
    // The figure docs/persistence.md quotes.
    System.out.printf("outage: down %d ms, %d frames scored and held, bound reached, acks resumed %d ms after the "
        + "database came back; %d frames stored, none lost%n", downMillis, resendFrom - 11, drainMillis, last);
  }

  private List<Long> acks() {
    return agent.seen.stream().filter(m -> "ack".equals(m.getString("type"))).map(m -> m.getLong("seq")).toList();
  }

  /** The score of frame {@code seq}, or the error refusing it; prompts pass, an ack fails the test (none while down). */
  private JsonObject scoreOrError(long seq) {
    while (true) {
      JsonObject message = agent.next();
      String type = message.getString("type");
      assertThat(type).as("while the database is away: %s", message).isNotEqualTo("ack");
      if (type.equals("error") || type.equals("score") && message.getLong("seq") == seq) {
        return message;
      }
    }
  }

  /** The body of /ready, which must answer {@code status}. */
  private JsonObject ready(int status) {
    JsonObject response = rig.ready();
    assertThat(response.getInteger("status")).as("/ready %s", response).isEqualTo(status);
    return response;
  }

  private static JsonObject history(JsonObject ready) {
    return ServiceBehindProxy.historyCheck(ready);
  }
}
