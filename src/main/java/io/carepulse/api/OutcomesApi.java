package io.carepulse.api;

import io.carepulse.auth.Role;
import io.carepulse.history.CustomerMemory;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.OutcomeRecord;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** {@code POST /v1/calls/{callId}/outcome}: survey results, idempotent by Idempotency-Key. */
final class OutcomesApi {

  private final CarePulseStore store;
  private final CallsApi calls;
  private final CustomerMemory memory;

  OutcomesApi(CarePulseStore store, CallsApi calls, CustomerMemory memory) {
    this.store = store;
    this.calls = calls;
    this.memory = memory;
  }

  void post(RoutingContext ctx) {
    Caller.of(ctx).require(Role.INTEGRATOR, Role.ADMIN);
    Params params = Params.of(ctx);
    String callId = params.path("callId");
    String key = ctx.request().getHeader("Idempotency-Key");
    JsonObject body = params.body();
    OutcomeRecord outcome = new OutcomeRecord(UUID.randomUUID().toString(), callId, body.getInteger("csat"),
        body.getInteger("nps"), body.getBoolean("resolved"), body.getString("source"), key,
        Instant.now().truncatedTo(ChronoUnit.MILLIS));
    calls.readable(ctx, callId)
        .compose(call -> store.saveOutcome(outcome))
        .onSuccess(saved -> {
          if (!saved.created() && !saved.outcome().sameContent(outcome)) {
            ctx.fail(Problem.idempotencyKeyReused("Idempotency-Key " + key + " was used for call " + callId
                + " with a different outcome").asFailure());
            return;
          }
          if (saved.created()) {
            memory.outcome(callId, saved.outcome().resolved());
          }
          Replies.json(ctx, saved.created() ? 201 : 200, ApiJson.outcome(saved.outcome()));
        })
        .onFailure(ctx::fail);
  }
}
