package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FramesApiTest extends RestServiceTest {

  @Test
  void aTelephonyPlatformFeedsACall_sameRulesAsTheSocket() {
    JsonObject first = feed("c1", agent1, null, callStart("c1", "team-a"),
        customerSays("c1", 2, "Hello, my order never arrived"), agentSays("c1", 3, "Let me check that for you"));
    assertThat(first.getLong("appliedThrough")).isEqualTo(3);
    assertThat(first.getInteger("accepted")).isEqualTo(3);
    assertThat(first.getJsonArray("refused")).isEmpty();

    // A resend is a duplicate: acknowledged, not applied again. A frame past a hole is refused with seq_gap.
    JsonObject second = feed("c1", agent1, null, agentSays("c1", 3, "Let me check that for you"),
        customerSays("c1", 5, "Thanks"));
    assertThat(second.getLong("appliedThrough")).isEqualTo(3);
    assertThat(second.getInteger("accepted")).isEqualTo(1);
    JsonObject gap = second.getJsonArray("refused").getJsonObject(0);
    assertThat(gap.getInteger("index")).isEqualTo(1);
    assertThat(gap.getString("code")).isEqualTo("seq_gap");
    assertThat(gap.getLong("expectedSeq")).isEqualTo(4);

    JsonObject third = feed("c1", agent1, null, customerSays("c1", 4, "Thanks"), end("c1", 5));
    assertThat(third.getLong("appliedThrough")).isEqualTo(5);
    assertThat(service.calls().endedCalls().find("c1").orElseThrow().agentId()).isEqualTo("agent-1");
    flushHistory();
    assertThat(service.store().frames("c1", 0, 10).await()).hasSize(5);

    JsonObject afterEnd = feed("c1", agent1, null, end("c1", 5), customerSays("c1", 6, "hello?"));
    assertThat(afterEnd.getInteger("accepted")).isEqualTo(1);
    assertThat(afterEnd.getJsonArray("refused").getJsonObject(0).getString("code")).isEqualTo("call_ended");
  }

  @Test
  void framesThatBreakTheProtocol_areRefusedOneByOne_namingTheField() {
    JsonObject bad = customerSays("c1", 2, "hi").put("speaker", "robot");
    JsonObject otherCall = customerSays("zz", 2, "hi");
    JsonObject answer = feed("c1", agent1, null, callStart("c1", "team-a"), bad, otherCall,
        new JsonObject().put("type", "hello"));
    assertThat(answer.getLong("appliedThrough")).isEqualTo(1);
    JsonArray refused = answer.getJsonArray("refused");
    assertThat(refused).hasSize(3);
    assertThat(refused.getJsonObject(0).getString("code")).isEqualTo("invalid");
    assertThat(refused.getJsonObject(0).getString("message")).contains("utterance.speaker");
    assertThat(refused.getJsonObject(1).getString("message")).contains("callId must be c1");
    assertThat(refused.getJsonObject(2).getString("message")).contains("hello is not a call frame");
  }

  @Test
  void ownership_andRoles() {
    feed("c1", agent1, null, callStart("c1", "team-a"));
    JsonObject intruder = feed("c1", agent2, null, customerSays("c1", 2, "hi"));
    assertThat(intruder.getJsonArray("refused").getJsonObject(0).getString("code")).isEqualTo("forbidden");

    JsonObject unknown = feed("nope", integrator, "agent-1", customerSays("nope", 2, "hi"));
    assertThat(unknown.getJsonArray("refused").getJsonObject(0).getString("code")).isEqualTo("unknown_call");

    JsonObject integratorFeeds = feed("c1", integrator, null, customerSays("c1", 2, "hi"));
    assertThat(integratorFeeds.getLong("appliedThrough")).isEqualTo(2);

    HttpResponse<Buffer> noAgent = post("postCallFrames", "/v1/calls/c2/frames", integrator,
        new JsonObject().put("frames", new JsonArray().add(callStart("c2", "team-a"))));
    assertThat(noAgent.statusCode()).isEqualTo(400);
    assertThat(field(noAgent)).isEqualTo("body.agentId");

    HttpResponse<Buffer> supervisor = post("postCallFrames", "/v1/calls/c2/frames", supervisorA,
        new JsonObject().put("frames", new JsonArray().add(callStart("c2", "team-a"))));
    assertThat(supervisor.statusCode()).isEqualTo(403);
  }

  @Test
  void aBatchThatBreaksTheContract_is400() {
    HttpResponse<Buffer> empty = post("postCallFrames", "/v1/calls/c1/frames", agent1,
        new JsonObject().put("frames", new JsonArray()));
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(field(empty)).isEqualTo("body.frames");
    HttpResponse<Buffer> missing = post("postCallFrames", "/v1/calls/c1/frames", agent1, new JsonObject());
    assertThat(field(missing)).isEqualTo("body.frames");
    HttpResponse<Buffer> notJson = post("postCallFrames", "/v1/calls/c1/frames", agent1, "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
  }
}
