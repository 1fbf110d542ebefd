package io.carepulse.live;

import static io.carepulse.live.Frames.agentSays;
import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static io.carepulse.live.Frames.end;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.testing.Await;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SupervisorFeedTest extends LiveServiceTest {

  final List<SupervisorClient> supervisors = new ArrayList<>();

  @AfterEach
  void closeSupervisors() {
    supervisors.forEach(SupervisorClient::close);
  }

  SupervisorClient supervisor(String sub, Role role, List<String> teams) {
    SupervisorClient client = SupervisorClient.connect(vertx, port(), service.jwt().mint(sub, role, teams, Duration.ofMinutes(5)));
    supervisors.add(client);
    client.expect("welcome");
    return client;
  }

  static JsonObject startIn(String callId, String team) {
    return callStart(callId).put("teamId", team);
  }

  @Test
  void aSupervisorSeesOnlyItsTeamsCalls_snapshotThenChanges_andAnAdminSeesAll() throws Exception {
    start();
    AgentClient alice = agent("agent-a");
    AgentClient bob = agentOf("agent-b", "team-b");
    alice.send(startIn("a1", "team-a"));
    alice.awaitAck("a1", 1);
    bob.send(startIn("b1", "team-b"));
    bob.awaitAck("b1", 1);

    SupervisorClient teamA = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    JsonObject snapshot = teamA.expect("snapshot");
    assertThat(snapshot.getJsonArray("calls").stream().map(c -> ((JsonObject) c).getString("callId"))).containsExactly("a1");
    JsonObject row = snapshot.getJsonArray("calls").getJsonObject(0);
    assertThat(row.getString("agentId")).isEqualTo("agent-a");
    assertThat(row.getString("customer")).isEqualTo("Dana");
    assertThat(row.getInteger("score")).isBetween(0, 100);
    assertThat(row.getJsonObject("parts").fieldNames()).contains("emotion", "empathy", "ownership");
    assertThat(row.getString("rankReason")).contains("score");

    SupervisorClient admin = supervisor("admin-1", Role.ADMIN, List.of());
    assertThat(admin.expect("snapshot").getJsonArray("calls")).hasSize(2);

    alice.send(customerSays("a1", 2, "This is ridiculous, I have been waiting for an hour"));
    alice.awaitAck("a1", 2);
    bob.send(customerSays("b1", 2, "Thanks, that is all"));
    bob.awaitAck("b1", 2);
    alice.send(startIn("a2", "team-a"));
    alice.awaitAck("a2", 1);

    JsonObject changed = teamA.await("call", m -> m.getString("callId").equals("a1") && m.getLong("seq") == 2);
    assertThat(changed.getJsonArray("history").size()).isGreaterThanOrEqualTo(2);
    teamA.await("call", m -> m.getString("callId").equals("a2"));
    admin.await("call", m -> m.getString("callId").equals("b1") && m.getLong("seq") == 2);

    alice.send(end("a1", 3));
    alice.awaitAck("a1", 3);
    JsonObject ended = teamA.await("call.ended", m -> m.getString("callId").equals("a1"));
    assertThat(ended.getString("reason")).isEqualTo("resolved");
    Await.holds(Duration.ofMillis(300), "nothing of team b", () -> teamA.seen.stream().noneMatch(m -> "b1".equals(m.getString("callId"))));
    assertThat(teamA.seen).noneMatch(m -> "b1".equals(m.getString("callId")));
  }

  @Test
  void aBrowserSignsInWithHello_wrongRolesAndBadTokensAreRefused() {
    start();
    SupervisorClient browser = keepSupervisor(SupervisorClient.connect(vertx, port(), null));
    browser.send(new JsonObject().put("type", "hello").put("token", token("sup-a", Role.SUPERVISOR)));
    assertThat(browser.expect("welcome").getString("role")).isEqualTo("supervisor");
    browser.expect("snapshot");

    SupervisorClient agentRole = keepSupervisor(SupervisorClient.connect(vertx, port(), null));
    agentRole.send(new JsonObject().put("type", "hello").put("token", agentToken("agent-1")));
    assertThat(agentRole.expect("error").getString("code")).isEqualTo("forbidden");
    assertThat(agentRole.awaitClose()).isEqualTo((short) 4403);

    SupervisorClient noHello = keepSupervisor(SupervisorClient.connect(vertx, port(), null));
    noHello.send(new JsonObject().put("type", "watch").put("callId", "x"));
    assertThat(noHello.expect("error").getString("code")).isEqualTo("unauthorized");
    assertThat(noHello.awaitClose()).isEqualTo((short) 4401);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SupervisorClient.connect(vertx, port(), agentToken("agent-1")))
        .hasMessageContaining("403");
  }

  @Test
  void aWhisperReachesTheAgent_andEveryRefusalHasItsCode() throws Exception {
    start();
    AgentClient alice = agent("agent-a");
    AgentClient bob = agentOf("agent-b", "team-b");
    alice.send(startIn("a1", "team-a"));
    alice.awaitAck("a1", 1);
    bob.send(startIn("b1", "team-b"));
    bob.awaitAck("b1", 1);
    alice.send(startIn("a2", "team-a"));
    alice.awaitAck("a2", 1);
    alice.send(end("a2", 2));
    alice.awaitAck("a2", 2);
    SupervisorClient sup = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    sup.expect("snapshot");

    sup.whisper("a1", "Offer the loyalty credit", "r1");
    JsonObject result = sup.await("whisper.result");
    assertThat(result.getString("outcome")).isEqualTo("delivered");
    assertThat(result.getString("requestId")).isEqualTo("r1");
    JsonObject whisper = alice.expectSkippingCoaching("whisper");
    assertThat(whisper.getString("from")).isEqualTo("sup-a");
    assertThat(whisper.getString("text")).isEqualTo("Offer the loyalty credit");

    sup.whisper("b1", "not yours", "r2");
    assertThat(sup.await("error", m -> "r2".equals(m.getString("requestId"))).getString("code")).isEqualTo("forbidden");
    sup.whisper("a2", "too late", "r3");
    assertThat(sup.await("error", m -> "r3".equals(m.getString("requestId"))).getString("code")).isEqualTo("call_ended");
    sup.whisper("nope", "who?", "r4");
    assertThat(sup.await("error", m -> "r4".equals(m.getString("requestId"))).getString("code")).isEqualTo("unknown_call");
    sup.send(new JsonObject().put("type", "whisper").put("callId", "a1").put("text", ""));
    assertThat(sup.await("error").getString("code")).isEqualTo("invalid");

    alice.drop();
    Await.until("the server to see alice go (bob stays)", () -> service.gateway().connections() == 1);
    sup.whisper("a1", "breathe", "r5");
    assertThat(sup.await("whisper.result", m -> "r5".equals(m.getString("requestId"))).getString("outcome")).isEqualTo("held");
    SupervisorSchemas schemas = new SupervisorSchemas();
    sup.seen.forEach(schemas::assertValid);
  }

  @Test
  void aCallThatJustEnded_isInTheSnapshotOfASupervisorWhoArrivesNow_withItsLastRow_untilTheLingerPasses()
      throws Exception {
    start(new JsonObject().put("dashboardLinger", "2s"));
    AgentClient alice = agent("agent-a");
    alice.send(callStart("a1"));
    alice.send(customerSays("a1", 2, "Hi, I'd like to check my balance please."));
    alice.awaitAck("a1", 2);
    alice.send(end("a1", 3));
    alice.awaitAck("a1", 3);

    SupervisorSchemas schemas = new SupervisorSchemas();
    JsonObject[] found = new JsonObject[1];
    Await.until(Duration.ofSeconds(2), Duration.ofMillis(20), "the ended call in a late snapshot", () -> {
      SupervisorClient late = keepSupervisor(SupervisorClient.connect(vertx, port(),
          service.jwt().mint("sup-late", Role.SUPERVISOR, List.of("team-a"), Duration.ofMinutes(5))));
      JsonObject welcome = late.expect("welcome");
      assertThat(welcome.getLong("endedLingerMs")).isEqualTo(2_000);
      JsonObject snapshot = late.expect("snapshot");
      schemas.assertValid(welcome);
      schemas.assertValid(snapshot);
      assertThat(snapshot.getJsonArray("calls")).isEmpty();
      found[0] = snapshot.getJsonArray("ended").isEmpty() ? null : snapshot.getJsonArray("ended").getJsonObject(0);
      return found[0] != null;
    });
    JsonObject ended = found[0];
    assertThat(ended).as("the ended call in a late snapshot").isNotNull();
    assertThat(ended.getString("callId")).isEqualTo("a1");
    assertThat(ended.getString("customer")).isEqualTo("Dana");
    assertThat(ended.getInteger("score")).isBetween(0, 100);
    assertThat(ended.getJsonObject("row").getString("callId")).isEqualTo("a1");
    assertThat(ended.getJsonObject("row").getString("customer")).isEqualTo("Dana");

    SupervisorClient other = supervisor("sup-b", Role.SUPERVISOR, List.of("team-b"));
    assertThat(other.expect("snapshot").getJsonArray("ended")).as("not in sup-b's teams").isEmpty();

    Await.until(Duration.ofSeconds(8), Duration.ofMillis(100), "the ended call gone from snapshots once the linger passed",
        () -> {
          SupervisorClient later = supervisor("sup-later", Role.SUPERVISOR, List.of("team-a"));
          boolean gone = later.expect("snapshot").getJsonArray("ended").isEmpty();
          later.close();
          return gone;
        });
  }

  @Test
  void aCustomerAskingForAManager_raisesOneAlertForSupervisorsAndTheEventBus_clearedWhenTheCallEnds() throws Exception {
    start(new JsonObject());
    List<JsonObject> bus = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(SupervisorMessages.ALERTS_ADDRESS, m -> bus.add(m.body())).completion().await();
    SupervisorClient sup = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    sup.expect("snapshot");
    AgentClient alice = agent("agent-a");
    alice.send(callStart("a1"));
    alice.awaitAck("a1", 1);
    alice.send(customerSays("a1", 2, "I've had enough. I want to speak to a manager right now."));
    alice.awaitAck("a1", 2);
    alice.send(customerSays("a1", 3, "Get me your supervisor."));
    alice.awaitAck("a1", 3);

    JsonObject raised = sup.await("alert.raised");
    assertThat(raised.getString("kind")).isEqualTo("escalation_request");
    assertThat(raised.getString("severity")).isEqualTo("critical");
    assertThat(raised.getString("agentId")).isEqualTo("agent-a");
    assertThat(raised.getString("teamId")).isEqualTo("team-a");
    assertThat(raised.getLong("seq")).isEqualTo(2);
    assertThat(raised.getString("at")).matches("\\d{4}-.*Z");
    JsonObject row = sup.await("call", m -> !m.getJsonArray("alerts").isEmpty());
    assertThat(row.getJsonArray("alerts").getJsonObject(0).getString("kind")).isEqualTo("escalation_request");
    assertThat(row.getString("rankReason")).contains("customer asked for a manager");

    alice.send(end("a1", 4));
    alice.awaitAck("a1", 4);
    // The second request lowers the score further, which may raise a score alert of its own: this test follows the
    // escalation alert, raised once for both requests.
    JsonObject cleared = sup.await("alert.cleared", m -> raised.getString("alertId").equals(m.getString("alertId")));
    assertThat(cleared.getString("message")).isEqualTo("call ended");
    List<JsonObject> escalation = new CopyOnWriteArrayList<>();
    Await.until(Duration.ofSeconds(2), "both escalation messages on the bus", () -> {
      escalation.clear();
      bus.stream().filter(m -> "escalation_request".equals(m.getString("kind"))).forEach(escalation::add);
      return escalation.size() >= 2;
    });
    assertThat(escalation).extracting(m -> m.getString("type")).containsExactly("alert.raised", "alert.cleared");
    assertThat(escalation.get(0).fieldNames()).containsExactlyInAnyOrder("type", "alertId", "callId", "agentId",
        "teamId", "kind", "severity", "message", "seq", "callTimeMs", "at");
    assertThat(sup.seen).filteredOn(m -> "alert.raised".equals(m.getString("type"))
        && "escalation_request".equals(m.getString("kind"))).hasSize(1);
    SupervisorSchemas schemas = new SupervisorSchemas();
    sup.seen.forEach(schemas::assertValid);
  }

  @Test
  void anAgentWhoTurnsTheCallAround_getsKudos_andSoDoTheSupervisorsAndTheEventBus() throws Exception {
    start();
    List<JsonObject> bus = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(SupervisorMessages.KUDOS_ADDRESS, m -> bus.add(m.body())).completion().await();
    SupervisorClient sup = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    sup.expect("snapshot");
    AgentClient agent = agent("agent-1");
    List<JsonObject> frames = scenario("angry-acknowledged-recovers", "k1");
    frames.subList(0, frames.size() - 1).forEach(agent::send);
    sup.await("call", m -> m.getString("callId").equals("k1") && m.getLong("seq") == frames.size() - 1);
    agent.send(frames.get(frames.size() - 1));
    agent.awaitAck("k1", frames.size());

    JsonObject kudos = agent.expectSkippingCoaching("kudos");
    assertThat(kudos.getString("reason")).isEqualTo("strong_recovery");
    assertThat(kudos.getString("message")).startsWith("Turned the call around");
    JsonObject awarded = sup.await("kudos.awarded");
    assertThat(awarded.getString("kudosId")).isEqualTo("k1-kudos");
    assertThat(awarded.getInteger("minScore")).isLessThan(awarded.getInteger("score"));
    assertThat(sup.await("call.ended").getJsonObject("kudos").getString("reason")).isEqualTo("strong_recovery");
    Await.until(Duration.ofSeconds(2), "the kudos on the bus", () -> !bus.isEmpty());
    assertThat(bus).singleElement().satisfies(m -> assertThat(m.fieldNames()).containsExactlyInAnyOrder("type",
        "kudosId", "callId", "agentId", "teamId", "reason", "message", "score", "callScore", "minScore", "at"));

    SupervisorClient later = supervisor("sup-b", Role.SUPERVISOR, List.of("team-a"));
    assertThat(later.expect("snapshot").getJsonArray("kudos")).hasSize(1);

    SupervisorSchemas schemas = new SupervisorSchemas();
    sup.seen.forEach(schemas::assertValid);
    later.seen.forEach(schemas::assertValid);
    schemas.assertValid(kudos);
  }

  @Test
  void anEndedCall_canBeWatchedDuringTheLinger_andAfterItIsOnlyReportedEnded_itsDetailBeingHistorysToKeep() {
    start(new JsonObject().put("dashboardLinger", "1s"));
    AgentClient alice = agent("agent-a");
    alice.send(callStart("a1"));
    alice.send(customerSays("a1", 2, "My card was charged twice"));
    alice.send(end("a1", 3));
    alice.awaitAck("a1", 3);
    SupervisorClient sup = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    sup.expect("snapshot");

    sup.send(new JsonObject().put("type", "watch").put("callId", "a1"));
    JsonObject detail = sup.await("call.detail");
    assertThat(detail.getJsonArray("transcript").getJsonObject(0).getString("text")).isEqualTo("My card was charged twice");
    assertThat(detail.getJsonObject("call").getString("callId")).isEqualTo("a1");

    // Past the linger the feed has let the view go: a watch is told the call ended, as for any older call.
    Await.until(Duration.ofSeconds(10), Duration.ofMillis(200), "a watch after the linger to be refused as ended", () -> {
      sup.send(new JsonObject().put("type", "watch").put("callId", "a1"));
      JsonObject answer = sup.next();
      while (!List.of("error", "call.detail").contains(answer.getString("type"))) {
        answer = sup.next();
      }
      return answer.getString("type").equals("error") && answer.getString("code").equals("call_ended");
    });
  }

  @Test
  void watchingACall_sendsItsTranscriptTimelineAndPrompts_thenWhatIsNew() {
    start();
    AgentClient alice = agent("agent-a");
    alice.send(callStart("a1"));
    alice.awaitAck("a1", 1);
    alice.send(customerSays("a1", 2, "My card was charged twice"));
    alice.awaitAck("a1", 2);
    SupervisorClient sup = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    sup.expect("snapshot");

    sup.send(new JsonObject().put("type", "watch").put("callId", "a1"));
    JsonObject detail = sup.await("call.detail");
    assertThat(detail.getBoolean("reset")).isTrue();
    assertThat(detail.getJsonArray("transcript").getJsonObject(0).getString("text")).isEqualTo("My card was charged twice");
    assertThat(detail.getJsonArray("timeline")).isNotEmpty();
    assertThat(detail.getJsonObject("call").getString("callId")).isEqualTo("a1");

    alice.send(agentSays("a1", 3, "I'm so sorry, let me fix that for you right now"));
    alice.awaitAck("a1", 3);
    JsonObject more = sup.await("call.detail");
    assertThat(more.getBoolean("reset")).isFalse();
    assertThat(more.getJsonArray("transcript")).singleElement()
        .satisfies(line -> assertThat(((JsonObject) line).getString("speaker")).isEqualTo("agent"));

    sup.send(new JsonObject().put("type", "watch").put("callId", "nope"));
    assertThat(sup.await("error").getString("code")).isEqualTo("unknown_call");
    SupervisorSchemas schemas = new SupervisorSchemas();
    sup.seen.forEach(schemas::assertValid);
  }

  @Test
  void watchingAnotherTeamsCall_isForbidden_andShowsNothingOfIt_whileAnAdminMayWatchIt() {
    start();
    AgentClient bob = agentIn("agent-b", "team-b");
    bob.send(startIn("b1", "team-b"));
    bob.send(customerSays("b1", 2, "My account number is private"));
    bob.awaitAck("b1", 2);
    SupervisorClient teamA = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    teamA.expect("snapshot");

    teamA.send(new JsonObject().put("type", "watch").put("callId", "b1"));
    JsonObject refused = teamA.await("error");
    assertThat(refused.getString("code")).isEqualTo("forbidden");
    assertThat(refused.getString("callId")).isEqualTo("b1");
    bob.send(agentSays("b1", 3, "Let me look into that for you"));
    bob.awaitAck("b1", 3);
    // The admin's watch of the same call is the yardstick: once its detail has come, a leak would have too.
    SupervisorClient admin = supervisor("admin-1", Role.ADMIN, List.of());
    admin.expect("snapshot");
    admin.send(new JsonObject().put("type", "watch").put("callId", "b1"));
    assertThat(admin.await("call.detail").getJsonArray("transcript")).hasSize(2);
    Await.holds(Duration.ofMillis(300), "no detail of b1 for team a",
        () -> teamA.seen.stream().noneMatch(m -> "call.detail".equals(m.getString("type"))));
    assertThat(teamA.seen).noneMatch(m -> "b1".equals(m.getString("callId")) && !"error".equals(m.getString("type")));
  }

  @Test
  void anotherTeamsAlerts_neverReachASupervisor() throws Exception {
    start(new JsonObject().put("model", "care-1"));
    SupervisorClient teamA = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    teamA.expect("snapshot");
    SupervisorClient teamB = supervisor("sup-b", Role.SUPERVISOR, List.of("team-b"));
    teamB.expect("snapshot");
    AgentClient bob = agentIn("agent-b", "team-b");
    bob.send(startIn("b1", "team-b"));
    bob.send(customerSays("b1", 2, "I've had enough. I want to speak to a manager right now."));
    bob.send(customerSays("b1", 3, "Get me your supervisor."));
    bob.awaitAck("b1", 3);
    bob.send(end("b1", 4));
    bob.awaitAck("b1", 4);

    // Team b's supervisor hears the alert raised and cleared, so both were sent to whoever was in scope.
    assertThat(teamB.await("alert.raised").getString("callId")).isEqualTo("b1");
    teamB.await("alert.cleared", m -> "b1".equals(m.getString("callId")));
    Await.holds(Duration.ofMillis(300), "nothing of team b's call for team a",
        () -> teamA.seen.stream().noneMatch(m -> "b1".equals(m.getString("callId"))));
    assertThat(teamA.seen).extracting(m -> m.getString("type")).doesNotContain("alert.raised", "alert.cleared");
  }

  @Test
  void anotherTeamsKudos_neverReachASupervisor_liveOrInALaterSnapshot() {
    start();
    SupervisorClient teamA = supervisor("sup-a", Role.SUPERVISOR, List.of("team-a"));
    teamA.expect("snapshot");
    SupervisorClient teamB = supervisor("sup-b", Role.SUPERVISOR, List.of("team-b"));
    teamB.expect("snapshot");
    AgentClient bob = agentIn("agent-b", "team-b");
    List<JsonObject> frames = scenario("angry-acknowledged-recovers", "bk");
    frames.get(0).put("teamId", "team-b");
    frames.subList(0, frames.size() - 1).forEach(bob::send);
    teamB.await("call", m -> m.getString("callId").equals("bk") && m.getLong("seq") == frames.size() - 1);
    bob.send(frames.get(frames.size() - 1));
    bob.awaitAck("bk", frames.size());

    assertThat(teamB.await("kudos.awarded").getString("callId")).isEqualTo("bk");
    teamB.await("call.ended", m -> "bk".equals(m.getString("callId")));
    Await.holds(Duration.ofMillis(300), "no kudos of team b for team a",
        () -> teamA.seen.stream().noneMatch(m -> "bk".equals(m.getString("callId"))));
    SupervisorClient laterA = supervisor("sup-a2", Role.SUPERVISOR, List.of("team-a"));
    assertThat(laterA.expect("snapshot").getJsonArray("kudos")).as("team b's kudos in team a's snapshot").isEmpty();
    SupervisorClient laterB = supervisor("sup-b2", Role.SUPERVISOR, List.of("team-b"));
    assertThat(laterB.expect("snapshot").getJsonArray("kudos")).hasSize(1);
  }

  /** An agent of {@code team}, authenticated by header, welcomed. */
  AgentClient agentIn(String sub, String team) {
    return keep(AgentClient.withHeader(vertx, port(), service.jwt().mint(sub, Role.AGENT, List.of(team),
        Duration.ofMinutes(5))));
  }

  SupervisorClient keepSupervisor(SupervisorClient client) {
    supervisors.add(client);
    return client;
  }

  /** A scenario call's frames, renamed to {@code callId}. */
  static List<JsonObject> scenario(String name, String callId) {
    try (InputStream in = SupervisorFeedTest.class.getResourceAsStream("/scenarios/" + name + ".jsonl")) {
      List<JsonObject> frames = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          frames.add(new JsonObject(line).put("callId", callId));
        }
      }
      return frames;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
