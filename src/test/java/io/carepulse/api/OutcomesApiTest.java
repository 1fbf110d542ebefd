package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OutcomesApiTest extends RestServiceTest {

  private HttpResponse<Buffer> outcome(String callId, String token, String key, JsonObject body) {
    return call("postCallOutcome", HttpMethod.POST, "/v1/calls/" + callId + "/outcome", token, body,
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  private static JsonObject survey(int csat) {
    return new JsonObject().put("csat", csat).put("nps", 9).put("resolved", true).put("source", "post-call-survey");
  }

  @Test
  void anOutcomePostedTwiceWithOneKey_isRecordedOnce() {
    wholeCall("c1", "agent-1", "team-a");
    HttpResponse<Buffer> created = outcome("c1", integrator, "k-1", survey(4));
    assertThat(created.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> retried = outcome("c1", integrator, "k-1", survey(4));
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.bodyAsJsonObject().getString("outcomeId"))
        .isEqualTo(created.bodyAsJsonObject().getString("outcomeId"));

    HttpResponse<Buffer> reused = outcome("c1", integrator, "k-1", survey(2));
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.bodyAsJsonObject().getString("type")).isEqualTo(Problem.BASE + "idempotency-key-reused");

    assertThat(outcome("c1", admin, "k-2", survey(5)).statusCode()).isEqualTo(201);
    assertThat(service.store().outcomes("c1").await()).hasSize(2);
    JsonObject call = get("getCall", "/v1/calls/c1", integrator).bodyAsJsonObject();
    assertThat(call.getJsonObject("outcome").getInteger("csat")).isEqualTo(5);
  }

  @Test
  void invalidOutcomes_are400_namingTheField() {
    wholeCall("c1", "agent-1", "team-a");
    HttpResponse<Buffer> noKey = outcome("c1", integrator, null, survey(4));
    assertThat(noKey.statusCode()).isEqualTo(400);
    assertThat(field(noKey)).isEqualToIgnoringCase("header.Idempotency-Key");
    assertThat(field(outcome("c1", integrator, "k", survey(6)))).isEqualTo("body.csat");
    assertThat(field(outcome("c1", integrator, "k", survey(4).put("nps", 11)))).isEqualTo("body.nps");
    assertThat(field(outcome("c1", integrator, "k", new JsonObject().put("csat", 3)))).isEqualTo("body.source");
    assertThat(outcome("c1", integrator, "k", new JsonObject().put("source", "crm")).statusCode()).isEqualTo(400);
    assertThat(outcome("c1", integrator, "k", survey(4).put("mood", "great")).statusCode()).isEqualTo(400);
  }

  @Test
  void onlyIntegratorsAndAdminsPostOutcomes_forCallsThatExist() {
    wholeCall("c1", "agent-1", "team-a");
    assertThat(outcome("c1", supervisorA, "k", survey(4)).statusCode()).isEqualTo(403);
    assertThat(outcome("c1", agent1, "k", survey(4)).statusCode()).isEqualTo(403);
    assertThat(outcome("nope", integrator, "k", survey(4)).statusCode()).isEqualTo(404);
    assertThat(outcome("c1", null, "k", survey(4)).statusCode()).isEqualTo(401);
  }
}
