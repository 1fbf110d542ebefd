package io.carepulse.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.carepulse.auth.TestTokens;
import io.carepulse.auth.Role;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AgentAuthTest extends LiveServiceTest {

  private int refusedStatus(String bearer) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> AgentClient.connect(vertx, port(), bearer));
    assertThat(thrown).isInstanceOf(UpgradeRejectedException.class);
    return ((UpgradeRejectedException) thrown).getStatus();
  }

  @Test
  void headerTokenIsWelcomedAtOnce() {
    start();
    AgentClient agent = keep(AgentClient.connect(vertx, port(), agentToken("agent-1")));
    JsonObject welcome = agent.expect("welcome");
    assertThat(welcome.getInteger("protocol")).isEqualTo(1);
    assertThat(welcome.getString("sessionId")).isNotBlank();
    assertThat(welcome.getJsonArray("resume")).isEmpty();
  }

  @Test
  void helloTokenIsWelcomed() {
    start();
    AgentClient agent = connect(null);
    agent.send(new JsonObject().put("type", "hello").put("token", agentToken("agent-1"))
        .put("client", new JsonObject().put("name", "test").put("version", "1")));
    assertThat(agent.expect("welcome").getInteger("protocol")).isEqualTo(1);
    agent.send(Frames.callStart("c1"));
    agent.awaitAck("c1", 1);
  }

  @Test
  void adminMayStreamCalls() {
    start();
    keep(AgentClient.withHeader(vertx, port(), token("admin-1", Role.ADMIN)));
  }

  @Test
  void badHeadersAreRefusedWith401() {
    start();
    assertThat(refusedStatus("not-a-jwt")).isEqualTo(401);
    long past = System.currentTimeMillis() / 1000 - 60;
    assertThat(refusedStatus(TestTokens.handSigned("HS256", TestTokens.claims("agent", past), SECRET))).isEqualTo(401);
    assertThat(refusedStatus(TestTokens.handSigned("HS256", TestTokens.claims("agent", TestTokens.inAMinute()),
        "forged-forged-forged-forged-forged-forged"))).isEqualTo(401);
    assertThat(refusedStatus(TestTokens.handSigned("none", TestTokens.claims("agent", TestTokens.inAMinute()), SECRET)))
        .isEqualTo(401);
  }

  @Test
  void basicSchemeIsRefusedWith401() {
    start();
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
      io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient();
      try {
        client.connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port())
            .setURI("/v1/agent").addHeader("Authorization", "Basic YTpi")).await(5, TimeUnit.SECONDS);
      } finally {
        client.close();
      }
    });
    assertThat(thrown).isInstanceOf(UpgradeRejectedException.class);
    assertThat(((UpgradeRejectedException) thrown).getStatus()).isEqualTo(401);
  }

  @Test
  void supervisorAndIntegratorHeadersAreRefusedWith403() {
    start();
    assertThat(refusedStatus(token("supervisor-1", Role.SUPERVISOR))).isEqualTo(403);
    assertThat(refusedStatus(token("integrator-1", Role.INTEGRATOR))).isEqualTo(403);
  }

  @Test
  void expiredTokenInHelloGetsUnauthorizedAndClose4401() {
    start();
    AgentClient agent = connect(null);
    long past = System.currentTimeMillis() / 1000 - 60;
    agent.send(new JsonObject().put("type", "hello")
        .put("token", TestTokens.handSigned("HS256", TestTokens.claims("agent", past), SECRET)));
    agent.expectError("unauthorized");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void forgedTokenInHelloGetsUnauthorizedAndClose4401() {
    start();
    AgentClient agent = connect(null);
    agent.send(new JsonObject().put("type", "hello").put("token", TestTokens.handSigned("HS256",
        TestTokens.claims("agent", TestTokens.inAMinute()), "forged-forged-forged-forged-forged-forged")));
    agent.expectError("unauthorized");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void supervisorTokenInHelloGetsForbiddenAndClose4403() {
    start();
    AgentClient agent = connect(null);
    agent.send(new JsonObject().put("type", "hello").put("token", token("supervisor-1", Role.SUPERVISOR)));
    assertThat(agent.expectError("forbidden").getString("message")).contains("supervisor");
    assertThat(agent.awaitClose()).isEqualTo((short) 4403);
  }

  @Test
  void aCallFrameBeforeHelloGetsUnauthorizedAndClose4401() {
    start();
    AgentClient agent = connect(null);
    agent.send(Frames.callStart("c1"));
    agent.expectError("unauthorized");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void helloWithoutTokenOnAnUnauthenticatedSocketIsUnauthorized() {
    start();
    AgentClient agent = connect(null);
    agent.send(new JsonObject().put("type", "hello"));
    agent.expectError("unauthorized");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void silenceAfterUpgradeGetsUnauthorizedAndClose4401AfterTheHelloTimeout() {
    start(new JsonObject().put("helloTimeout", "200ms"));
    AgentClient agent = connect(null);
    assertThat(agent.expectError("unauthorized").getString("message")).contains("hello");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void garbageBeforeHelloIsReportedThenUnauthorized() {
    start();
    AgentClient agent = connect(null);
    agent.sendText("{nope");
    agent.expectError("bad_json");
    agent.expectError("unauthorized");
    assertThat(agent.awaitClose()).isEqualTo((short) 4401);
  }

  @Test
  void aTokenInTheQueryStringIsIgnored() {
    start();
    io.vertx.core.http.WebSocketClient client = vertx.createWebSocketClient();
    try {
      var ws = client.connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1").setPort(port())
          .setURI("/v1/agent?token=" + agentToken("agent-1"))).await(5, TimeUnit.SECONDS);
      java.util.concurrent.CompletableFuture<String> first = new java.util.concurrent.CompletableFuture<>();
      ws.textMessageHandler(first::complete);
      ws.writeTextMessage(Frames.callStart("c1").encode());
      assertThat(new JsonObject(first.get(5, TimeUnit.SECONDS)).getString("code")).isEqualTo("unauthorized");
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      client.close();
    }
  }
}
