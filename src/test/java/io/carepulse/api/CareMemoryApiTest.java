package io.carepulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Care memory through the service: a customer's second call starts from their first (its outcome included), the
 * agent gets the context line, integrators list the customer's calls and erase the customer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CareMemoryApiTest extends RestServiceTest {

  private void unresolvedFirstCall() {
    wholeCall("m1", "agent-1", "team-a");
    assertThat(call("postCallOutcome", HttpMethod.POST, "/v1/calls/m1/outcome", integrator,
        new JsonObject().put("csat", 2).put("resolved", false).put("source", "survey"),
        Map.of("Idempotency-Key", "survey-m1")).statusCode()).isEqualTo(201);
  }

  private JsonArray reasonsAtStart(String callId) {
    return get("getCallTimeline", "/v1/calls/" + callId + "/timeline", integrator).bodyAsJsonObject()
        .getJsonArray("points").getJsonObject(0).getJsonArray("reasons");
  }

  private static boolean hasRule(JsonArray reasons, String rule) {
    return reasons.stream().anyMatch(r -> rule.equals(((JsonObject) r).getString("rule")));
  }

  @Test
  void aSecondCallStartsFromTheUnresolvedFirst_andTheAgentIsToldInOneLine() {
    unresolvedFirstCall();
    // An hour after the first call started (call.start's ts is the client's clock).
    feed("m2", integrator, "agent-1", callStart("m2", "team-a").put("ts", T0 + 3_600_000));
    flushHistory();

    JsonArray reasons = reasonsAtStart("m2");
    JsonObject memory = reasons.stream().map(r -> (JsonObject) r).filter(r -> r.getString("rule").equals("memory_prior"))
        .findFirst().orElseThrow();
    assertThat(memory.getJsonArray("frames").getList()).containsExactly("call:m1");
    assertThat(memory.getString("text")).contains("last call m1 ended unresolved");
    assertThat(memory.getDouble("delta")).isNegative();
    JsonArray prompts = get("getCallPrompts", "/v1/calls/m2/prompts", integrator).bodyAsJsonObject()
        .getJsonArray("prompts");
    assertThat(prompts.getJsonObject(0).getString("kind")).isEqualTo("customer_context");
    assertThat(prompts.getJsonObject(0).getString("text")).isEqualTo("Second call this week; last call ended unresolved.");
    assertThat(hasRule(reasonsAtStart("m1"), "memory_prior")).isFalse();
  }

  @Test
  void callsAreListedByCustomer_withinTheCallersScope() {
    wholeCall("m1", "agent-1", "team-a");
    wholeCall("m2", "agent-2", "team-b");
    JsonObject all = get("listCustomerCalls", "/v1/customers/cu-1/calls", integrator).bodyAsJsonObject();
    assertThat(all.getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("callId")))
        .containsExactly("m2", "m1");
    JsonObject mine = get("listCustomerCalls", "/v1/customers/cu-1/calls", supervisorA).bodyAsJsonObject();
    assertThat(mine.getJsonArray("items").stream().map(c -> ((JsonObject) c).getString("callId")))
        .containsExactly("m1");
    assertThat(get("listCustomerCalls", "/v1/customers/nobody/calls", integrator).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();
  }

  @Test
  void anErasedCustomerIsGoneFromHistoryAndFromMemory() {
    unresolvedFirstCall();
    assertThat(call("forgetCustomer", HttpMethod.DELETE, "/v1/customers/cu-1", supervisorA, null, Map.of())
        .statusCode()).isEqualTo(403);
    JsonObject erased = call("forgetCustomer", HttpMethod.DELETE, "/v1/customers/cu-1", integrator, null, Map.of())
        .bodyAsJsonObject();
    assertThat(erased).isEqualTo(new JsonObject().put("customerId", "cu-1").put("callsErased", 1)
        .put("liveCallsKept", 0));
    assertThat(get("getCall", "/v1/calls/m1", integrator).statusCode()).isEqualTo(404);
    assertThat(get("listCustomerCalls", "/v1/customers/cu-1/calls", integrator).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();

    // The next call of the customer starts as a first call: nothing remembered.
    feed("m3", integrator, "agent-1", callStart("m3", "team-a").put("ts", T0 + 3_600_000));
    flushHistory();
    assertThat(hasRule(reasonsAtStart("m3"), "memory_prior")).isFalse();
    assertThat(get("getCallPrompts", "/v1/calls/m3/prompts", integrator).bodyAsJsonObject().getJsonArray("prompts"))
        .isEmpty();
    assertThat(call("forgetCustomer", HttpMethod.DELETE, "/v1/customers/cu-1", integrator, null, Map.of())
        .bodyAsJsonObject().getInteger("liveCallsKept")).isEqualTo(1);
  }
}
