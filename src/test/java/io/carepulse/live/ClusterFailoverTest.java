package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.store.pg.TestDatabase;
import io.carepulse.testing.Await;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three clustered service processes on loopback sharing one PostgreSQL schema (docs/cluster.md). An agent whose call
 * is owned by node B talks to node A, which forwards; a supervisor on node C sees both live calls and whispers to the
 * agent on A; then B is killed with SIGKILL mid-call, and the agent resumes on C, which takes the call over from the
 * journal: every acked frame is stored exactly once and every score is what an uninterrupted run sends. One scenario,
 * because each Hazelcast member costs seconds of two shared cores to start.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterFailoverTest {

  private static final String SECRET = LiveServiceTest.SECRET;
  private static final String SAMPLE = "samples/hvb/0b9480707d274d2b.jsonl";
  private static final Duration START = Duration.ofSeconds(180);

  private TestDatabase db;
  private Vertx clients;
  private JwtAuth jwt;
  private final Map<String, NodeProcess> nodes = new HashMap<>();
  private final List<AgentClient> agents = new ArrayList<>();
  private SupervisorClient supervisor;

  @BeforeEach
  void cluster(Vertx vertx) {
    clients = vertx;
    jwt = JwtAuth.create(vertx, SECRET);
    // Migrated once up front: three nodes migrating one schema at once only queue behind each other.
    db = TestDatabase.create("cluster").migrated();
    String[] names = {"a", "b", "c"};
    int[] clusterPorts = IntStream.range(0, 3).map(i -> NodeProcess.freePort()).toArray();
    String members = Arrays.stream(clusterPorts).mapToObj(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    // One after another: three JVMs starting at once on two shared cores starve their event loops past the store's
    // 5 s connect timeout.
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        nodes.get(names[i - 1]).awaitReady(START);
      }
      nodes.put(names[i], NodeProcess.start("cluster-" + names[i], NodeProcess.freePort(), Map.of(
          "CAREPULSE_JWT_SECRET", SECRET, "CAREPULSE_PG_URL", db.url(), "CAREPULSE_SERVER_INSTANCES", "1",
          "CAREPULSE_FRAMES_PER_SECOND", "100000", "CAREPULSE_JOURNAL_FLUSH_INTERVAL", "20ms",
          "CAREPULSE_CLUSTER", "true", "CAREPULSE_CLUSTER_PORT", String.valueOf(clusterPorts[i]),
          "CAREPULSE_CLUSTER_MEMBERS", members)));
    }
    nodes.get("c").awaitReady(START);
    Await.until(Duration.ofSeconds(60), "three members seen by every node",
        () -> nodes.values().stream().allMatch(node -> node.members() == 3));
  }

  @AfterEach
  void stop() {
    agents.forEach(AgentClient::close);
    if (supervisor != null) {
      supervisor.close();
    }
    nodes.values().forEach(NodeProcess::close);
    db.close();
  }

  @Test
  void aCallForwardedAcrossNodes_survivesTheKillOfItsOwner_scoringAsIfNothingHappened() {
    List<JsonObject> frames = call("hvb-cluster-x");
    List<JsonObject> other = call("hvb-cluster-y");
    String callId = "hvb-cluster-x";
    List<JsonObject> uninterrupted = uninterruptedScores(frames);

    // Started on B, so B owns it; the direct round trips are the baseline for forwarding's cost.
    AgentClient onB = agent("b", "agent-1");
    List<JsonObject> scores = new ArrayList<>();
    long[] direct = sendOneByOne(onB, frames, 1, 10, scores);
    onB.close();
    // A second call, owned by A, for the supervisor on C to see beside the first.
    AgentClient second = agent("a", "agent-2");
    sendOneByOne(second, other, 1, 5, new ArrayList<>());

    // A supervisor on C sees both calls, neither of which C owns.
    supervisor = SupervisorClient.connect(clients, nodes.get("c").httpPort, supervisorToken());
    Await.until(Duration.ofSeconds(20), "both calls on C's board", () -> rowsSeen(supervisor)
        .containsAll(List.of(callId, "hvb-cluster-y")));

    // The agent's softphone reconnects through A: A forwards the call's frames to B and relays B's answers.
    AgentClient onA = agent("a", "agent-1");
    onA.send(Frames.hello(null, callId, 10));
    assertThat(onA.expect("welcome").getJsonArray("resume")).containsExactly(
        new JsonObject().put("callId", callId).put("nextSeq", 11));
    long[] forwarded = sendOneByOne(onA, frames, 11, 20, scores);

    // C's board follows B's call as it goes on (rows flushed from B's batches), never taking it for ended.
    supervisor.await("call", row -> row.getString("callId").equals(callId) && row.getLong("seq") > 10);
    assertThat(supervisor.seen).noneMatch(message -> "call.ended".equals(message.getString("type")));
    // Watching it on C asks B, its owner, for the call's detail.
    supervisor.send(new JsonObject().put("type", "watch").put("callId", callId));
    JsonObject detail = supervisor.await("call.detail", d -> d.getString("callId").equals(callId));
    assertThat(detail.getBoolean("reset")).isTrue();
    assertThat(detail.getJsonObject("call").getLong("seq")).isGreaterThan(10L);
    assertThat(detail.getJsonArray("transcript")).isNotEmpty();
    // Each node's /metrics: the cluster it sees, and only the calls it owns (B and A one each, C none).
    assertThat(metric("b", "carepulse_cluster_members")).isEqualTo(3.0);
    assertThat(metric("c", "carepulse_cluster_members")).isEqualTo(3.0);
    assertThat(metric("b", "carepulse_calls_active")).isEqualTo(1.0);
    assertThat(metric("a", "carepulse_calls_active")).isEqualTo(1.0);
    assertThat(metric("c", "carepulse_calls_active")).isEqualTo(0.0);
    assertThat(metric("b", "carepulse_cluster_calls_owned")).isEqualTo(1.0);
    assertThat(metric("c", "carepulse_cluster_calls_owned")).isEqualTo(0.0);
    // REST on A, which forwards the call but does not hold it, answers its live state from B.
    JsonObject live = restCall("a", callId).getJsonObject("live");
    assertThat(live.getString("from")).as("live state %s", live).isEqualTo("owner");
    assertThat(live.getJsonObject("row").getLong("seq")).isGreaterThan(10L);

    // An integration posting frames of A's call to C: C hands the batch to A, which applies and acks each frame.
    JsonObject posted = postFrames("c", "hvb-cluster-y", agentToken("agent-2"), other.subList(5, 8));
    assertThat(posted.getInteger("accepted")).as("posted through C: %s", posted).isEqualTo(3);
    assertThat(posted.getLong("appliedThrough")).isEqualTo(8L);

    // The supervisor on C whispers to the agent, who is on A; the watched detail on C shows it, from B.
    supervisor.whisper(callId, "Ask how the checks should be delivered", "w-1");
    assertThat(supervisor.await("whisper.result").getString("outcome")).isEqualTo("delivered");
    assertThat(onA.expectSkippingCoaching("whisper").getString("text")).isEqualTo("Ask how the checks should be delivered");
    supervisor.await("call.detail", d -> d.getString("callId").equals(callId) && d.getJsonArray("whispers").stream()
        .anyMatch(w -> ((JsonObject) w).getString("text").equals("Ask how the checks should be delivered")));

    // The rest of A's call, to its end, with its agent on another device on C too: the kudos A raises reach both.
    AgentClient secondOnC = agent("c", "agent-2");
    sendOneByOne(second, other, 9, other.size(), new ArrayList<>());
    JsonObject kudos = Await.value(Duration.ofSeconds(10), "kudos on the socket carrying the call", () -> kudos(second));
    assertThat(Await.value(Duration.ofSeconds(10), "kudos on the agent's socket on another node",
        () -> kudos(secondOnC))).isEqualTo(kudos);

    // B dies. A, forwarding to it, closes the socket so the client resumes; C takes the call over from the journal.
    long killed = System.nanoTime();
    nodes.get("b").kill();
    assertThat(onA.awaitCloseWithin(Duration.ofSeconds(30))).isEqualTo((short) 1001);
    // Until the call resumes, no node holds it: REST says its live state comes from the store only.
    JsonObject orphaned = restCall("a", callId).getJsonObject("live");
    assertThat(orphaned.getString("from")).as("live state %s", orphaned).isEqualTo("store");
    assertThat(orphaned.getString("reason")).isNotBlank();
    AgentClient onC = Await.value(Duration.ofSeconds(40), "a survivor accepting the resume", () -> {
      AgentClient attempt = agent("c", "agent-1");
      try {
        attempt.send(Frames.hello(null, callId, 20));
        JsonArray resumed = attempt.expect("welcome").getJsonArray("resume");
        if (!resumed.isEmpty()) {
          assertThat(resumed.getJsonObject(0).getLong("nextSeq")).as("every acked frame survived").isEqualTo(21L);
          return attempt;
        }
      } catch (AssertionError notYet) {
        if (notYet.getMessage() != null && notYet.getMessage().contains("every acked frame")) {
          throw notYet;
        }
      }
      attempt.close();
      return null;
    });
    long resumedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    sendOneByOne(onC, frames, 21, 26, scores);

    // C is stopped (SIGTERM) mid-call: it hands the call over as it drains, so the agent's resume on A is granted at
    // once, without waiting for the lease, and the call goes on there to its end.
    long terminated = System.nanoTime();
    nodes.get("c").terminate();
    assertThat(onC.awaitCloseWithin(Duration.ofSeconds(30))).isEqualTo((short) 1001);
    AgentClient again = agent("a", "agent-1");
    again.send(Frames.hello(null, callId, 26));
    assertThat(again.expect("welcome").getJsonArray("resume")).as("the first resume after the drain is granted")
        .containsExactly(new JsonObject().put("callId", callId).put("nextSeq", 27));
    long handedOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - terminated);
    sendOneByOne(again, frames, 27, frames.size(), scores);

    String figures = String.format(java.util.Locale.ROOT, "cluster (3 processes, loopback): frame->ack median direct on"
        + " the owner %.1f ms, forwarded through another node %.1f ms (10 frames each, one at a time); resume accepted"
        + " by a survivor %d ms after kill -9 of the owner; resume accepted %d ms after SIGTERM of the owner (hand-over)"
        + "%n", median(direct), median(forwarded), resumedMillis, handedOverMillis);
    System.out.print(figures);
    try {
      java.nio.file.Files.writeString(java.nio.file.Path.of("target", "cluster-figures.txt"), figures,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(resumedMillis).as("survivor accepts the resume within 30 s of the death").isLessThan(30_000);
    assertThat(handedOverMillis).as("a drained owner's call resumes without waiting for its lease")
        .isLessThan(io.carepulse.cluster.ClusterSettings.LEASE.toMillis());
    assertThat(scores).as("scores equal an uninterrupted run's").isEqualTo(uninterrupted);
    assertThat(db.count("SELECT count(*) FROM frames WHERE call_id = '" + callId + "'")).isEqualTo(frames.size());
    assertThat(db.count("SELECT count(DISTINCT seq) FROM frames WHERE call_id = '" + callId + "'"))
        .isEqualTo(frames.size());
    Await.until(Duration.ofSeconds(20), "the call ended in the store",
        () -> db.count("SELECT count(*) FROM calls WHERE call_id = '" + callId + "' AND state = 'ended'") == 1);
    assertThat(restCall("a", callId).getValue("live")).as("an ended call has no live state").isNull();
  }

  private String supervisorToken() {
    return jwt.mint("sup-1", Role.SUPERVISOR, List.of("hvb"), Duration.ofMinutes(5));
  }

  private static JsonObject kudos(AgentClient agent) {
    return agent.seen.stream().filter(message -> "kudos".equals(message.getString("type"))).findFirst().orElse(null);
  }

  private String agentToken(String agentId) {
    return jwt.mint(agentId, Role.AGENT, List.of("hvb"), Duration.ofMinutes(5));
  }

  /** POST /v1/calls/{callId}/frames on one node. */
  private JsonObject postFrames(String node, String callId, String token, List<JsonObject> frames) {
    return http(node, java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
            + nodes.get(node).httpPort + "/v1/calls/" + callId + "/frames")).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(new JsonObject().put("frames", new JsonArray(
            new ArrayList<Object>(frames))).encode())));
  }

  /** One sample's value from a node's /metrics (the first line of that name, whatever its tags). */
  private double metric(String node, String name) {
    try {
      return nodes.get(node).metrics(jwt.mint("admin-1", Role.ADMIN, List.of(), Duration.ofMinutes(5))).lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
          .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst()
          .orElseThrow(() -> new AssertionError("no " + name + " in node " + node + "'s /metrics"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET /v1/calls/{callId} on one node, as the supervisor. */
  private JsonObject restCall(String node, String callId) {
    return http(node, java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
        + nodes.get(node).httpPort + "/v1/calls/" + callId)).header("Authorization", "Bearer " + supervisorToken()));
  }

  private JsonObject http(String node, java.net.http.HttpRequest.Builder request) {
    try {
      java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          request.timeout(Duration.ofSeconds(20)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("%s on %s: %s", request.build().uri(), node, response.body())
          .isEqualTo(200);
      return new JsonObject(response.body());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static java.util.Set<String> rowsSeen(SupervisorClient supervisor) {
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (JsonObject message : supervisor.seen) {
      if ("call".equals(message.getString("type"))) {
        ids.add(message.getString("callId"));
      } else if ("snapshot".equals(message.getString("type"))) {
        message.getJsonArray("calls").forEach(row -> ids.add(((JsonObject) row).getString("callId")));
      }
    }
    return ids;
  }

  /** Sends frames from..to one at a time, each after the previous ack; the score messages go to {@code scores}. */
  private static long[] sendOneByOne(AgentClient agent, List<JsonObject> frames, int from, int to,
                                     List<JsonObject> scores) {
    long[] roundTrips = new long[to - from + 1];
    for (int seq = from; seq <= to; seq++) {
      int seen = agent.seen.size();
      long sent = System.nanoTime();
      agent.send(frames.get(seq - 1));
      agent.awaitAck(frames.get(0).getString("callId"), seq);
      roundTrips[seq - from] = System.nanoTime() - sent;
      List<JsonObject> answers = new ArrayList<>(agent.seen.subList(seen, agent.seen.size()));
      answers.stream().filter(message -> "score".equals(message.getString("type"))).forEach(scores::add);
    }
    return roundTrips;
  }

  private static double median(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2] / 1e6;
  }

  /** The same call through one in-process, in-memory service, never interrupted. */
  private List<JsonObject> uninterruptedScores(List<JsonObject> frames) {
    try (DurableService single = DurableService.start(null, new JsonObject())) {
      AgentClient agent = AgentClient.withHeader(clients, single.port(), single.agentToken("agent-1"));
      List<JsonObject> scores = new ArrayList<>();
      sendOneByOne(agent, frames, 1, frames.size(), scores);
      agent.close();
      return scores;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private AgentClient agent(String node, String agentId) {
    AgentClient agent = AgentClient.withHeader(clients, nodes.get(node).httpPort,
        jwt.mint(agentId, Role.AGENT, List.of("hvb"), Duration.ofMinutes(5)));
    agents.add(agent);
    return agent;
  }

  private static List<JsonObject> call(String callId) {
    List<JsonObject> frames = new ArrayList<>();
    for (String line : FrameReader.loadResource(SAMPLE).split("\n")) {
      if (!line.isBlank()) {
        frames.add(new JsonObject(line).put("callId", callId));
      }
    }
    return frames;
  }
}
