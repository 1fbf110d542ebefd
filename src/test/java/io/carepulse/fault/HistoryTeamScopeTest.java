package io.carepulse.fault;

import static io.carepulse.live.Frames.callStart;
import static io.carepulse.live.Frames.customerSays;
import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.Role;
import io.carepulse.live.AgentClient;
import io.carepulse.live.DurableService;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11, defect 5: an agent cannot put a call in a team that is not one of its token's teams — over the socket or
 * the REST frame ingest — so it never shows on that team's dashboard, reports or playbook. A neighbour call on the
 * same node keeps getting its acks meanwhile.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HistoryTeamScopeTest {

  private DurableService service;
  private AgentClient neighbour;
  private AgentClient intruder;
  private WebClient http;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    service = DurableService.start(null, new JsonObject());
    neighbour = AgentClient.withHeader(vertx, service.port(), service.agentToken("agent-1"));
    intruder = AgentClient.withHeader(vertx, service.port(), service.agentToken("agent-2"));
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    neighbour.close();
    intruder.close();
    http.close();
    service.close();
  }

  @Test
  void aCallStartInAnotherTeam_isForbidden_overTheSocket_andTheNeighbourKeepsFlowing() {
    neighbour.send(callStart("n1"));
    neighbour.awaitAck("n1", 1);

    intruder.send(callStart("z1").put("teamId", "team-z"));
    JsonObject refused = intruder.expectError("forbidden");
    assertThat(refused.getString("message")).contains("team-z");
    assertThat(refused.getString("callId")).isEqualTo("z1");
    assertThat(service.service.calls().find("z1")).as("no such call was opened").isEmpty();
    // Its next frames find no call: nothing of it reaches any team.
    intruder.send(customerSays("z1", 2, "hello"));
    intruder.expectError("unknown_call");

    for (long seq = 2; seq <= 20; seq++) {
      neighbour.send(customerSays("n1", seq, "turn " + seq));
    }
    neighbour.awaitAck("n1", 20);

    // The agent's own team works on the same socket.
    intruder.send(callStart("a1"));
    intruder.awaitAck("a1", 1);
  }

  @Test
  void aCallStartInAnotherTeam_isForbidden_overRestIngest_butAdminsAndIntegratorsMayFeedAnyTeam() {
    String agent = service.service.jwt().mint("agent-2", Role.AGENT, List.of("team-a"), Duration.ofMinutes(5));
    JsonObject refused = post("z2", agent, null, callStart("z2").put("teamId", "team-z"));
    assertThat(refused.getLong("appliedThrough")).isZero();
    assertThat(refused.getJsonArray("refused").getJsonObject(0).getString("code")).isEqualTo("forbidden");
    assertThat(service.service.calls().find("z2")).isEmpty();

    JsonObject own = post("a2", agent, null, callStart("a2"));
    assertThat(own.getLong("appliedThrough")).isEqualTo(1);

    String admin = service.service.jwt().mint("admin-1", Role.ADMIN, List.of(), Duration.ofMinutes(5));
    assertThat(post("z3", admin, "agent-7", callStart("z3").put("teamId", "team-z")).getLong("appliedThrough"))
        .isEqualTo(1);
    String integrator = service.service.jwt().mint("crm-1", Role.INTEGRATOR, List.of(), Duration.ofMinutes(5));
    assertThat(post("z4", integrator, "agent-7", callStart("z4").put("teamId", "team-z")).getLong("appliedThrough"))
        .isEqualTo(1);
  }

  private JsonObject post(String callId, String token, String agentId, JsonObject... frames) {
    JsonObject body = new JsonObject().put("frames", new JsonArray(List.of((Object[]) frames)));
    if (agentId != null) {
      body.put("agentId", agentId);
    }
    HttpResponse<Buffer> response = http.post(service.port(), "127.0.0.1", "/v1/calls/" + callId + "/frames")
        .bearerTokenAuthentication(token).sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}
