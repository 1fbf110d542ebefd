package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.store.pg.TestDatabase;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service restarts in the middle of a call: the agent resumes on the new process, which rebuilds the call from
 * PostgreSQL by replaying its frames through the core, and every score from then on is what an uninterrupted run sends.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestartResumeTest {

  /** A real call (Harper Valley Bank sample, 33 frames) with a stretch that the redactor changes, in the middle. */
  private static final String SAMPLE = "samples/hvb/0b9480707d274d2b.jsonl";

  private TestDatabase db;
  private Vertx clients;
  private final List<AgentClient> agents = new ArrayList<>();
  private final List<DurableService> services = new ArrayList<>();

  @BeforeEach
  void database(Vertx vertx) {
    db = TestDatabase.create("restart");
    clients = vertx;
  }

  @AfterEach
  void cleanUp() throws Exception {
    agents.forEach(AgentClient::close);
    for (DurableService service : services) {
      service.close();
    }
    db.close();
  }

  @Test
  void aCallResumedAfterARestart_scoresExactlyAsIfNothingHappened() throws Exception {
    List<JsonObject> frames = call();
    String callId = frames.get(0).getString("callId");
    int cut = frames.size() / 2;

    List<JsonObject> uninterrupted = scoresOf(start(null), frames, 1, frames.size());

    DurableService before = start(db.url());
    List<JsonObject> scores = new ArrayList<>(scoresOf(before, frames, 1, cut));
    before.close();
    assertThat(db.count("SELECT count(*) FROM frames")).as("every acked frame is stored").isEqualTo(cut);

    DurableService after = start(db.url());
    AgentClient agent = agent(after);
    agent.send(Frames.hello(null, callId, cut));
    JsonObject welcome = agent.expect("welcome");
    assertThat(welcome.getJsonArray("resume").getJsonObject(0).getLong("nextSeq")).isEqualTo(cut + 1L);
    scores.addAll(send(agent, frames, cut + 1, frames.size()));

    assertThat(scores).hasSameSizeAs(uninterrupted);
    assertThat(scores).isEqualTo(uninterrupted);
    assertThat(db.count("SELECT count(*) FROM frames")).isEqualTo(frames.size());
    assertThat(db.count("SELECT count(*) FROM calls WHERE state = 'ended'")).isEqualTo(1);
  }

  @Test
  void aFrameForACallTheNewProcessHasNotSeen_recoversTheCall_withoutAHello() throws Exception {
    List<JsonObject> frames = call();
    int cut = 10;
    DurableService before = start(db.url());
    scoresOf(before, frames, 1, cut);
    before.close();

    DurableService after = start(db.url());
    AgentClient agent = agent(after);
    send(agent, frames, cut + 1, frames.size());
    assertThat(db.count("SELECT count(*) FROM frames")).isEqualTo(frames.size());
  }

  @Test
  void anotherAgent_cannotResumeARecoveredCall() throws Exception {
    List<JsonObject> frames = call();
    String callId = frames.get(0).getString("callId");
    DurableService before = start(db.url());
    scoresOf(before, frames, 1, 5);
    before.close();

    DurableService after = start(db.url());
    AgentClient intruder = keep(AgentClient.withHeader(clients, after.port(), after.agentToken("agent-2")));
    intruder.send(Frames.hello(null, callId, 5));
    assertThat(intruder.expect("welcome").getJsonArray("resume")).isEmpty();
    assertThat(intruder.expectError("forbidden").getString("callId")).isEqualTo(callId);
  }

  private DurableService start(String pgUrl) throws Exception {
    DurableService service = DurableService.start(pgUrl, new JsonObject());
    services.add(service);
    return service;
  }

  private AgentClient agent(DurableService service) {
    return keep(AgentClient.withHeader(clients, service.port(), service.agentToken("agent-1")));
  }

  private AgentClient keep(AgentClient agent) {
    agents.add(agent);
    return agent;
  }

  private List<JsonObject> scoresOf(DurableService service, List<JsonObject> frames, int from, int to) {
    return send(agent(service), frames, from, to);
  }

  /** Sends frames from..to (seqs, inclusive), waits for the last ack, returns the score messages they produced. */
  private static List<JsonObject> send(AgentClient agent, List<JsonObject> frames, int from, int to) {
    int seen = agent.seen.size();
    for (int seq = from; seq <= to; seq++) {
      agent.send(frames.get(seq - 1));
    }
    agent.awaitAck(frames.get(0).getString("callId"), to);
    return agent.seen.subList(seen, agent.seen.size()).stream()
        .filter(message -> "score".equals(message.getString("type"))).toList();
  }

  /** The sample call, with a customer reading out a card number and an email address in the middle. */
  private static List<JsonObject> call() {
    List<JsonObject> frames = new ArrayList<>();
    for (String line : FrameReader.loadResource(SAMPLE).split("\n")) {
      if (!line.isBlank()) {
        frames.add(new JsonObject(line));
      }
    }
    JsonObject card = frames.get(5).copy();
    card.put("speaker", "customer").put("utteranceId", "pii-1").put("text", "my card is 4111 1111 1111 1111 and I'm angry, mail me at dana@example.com");
    frames.add(6, card);
    for (int i = 0; i < frames.size(); i++) {
      frames.get(i).put("seq", i + 1);
    }
    return frames;
  }
}
