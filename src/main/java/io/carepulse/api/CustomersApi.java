package io.carepulse.api;

import io.carepulse.auth.Role;
import io.carepulse.history.CustomerMemory;
import io.carepulse.store.CarePulseStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A customer's calls, newest first, and erasure of everything kept about a customer (care memory). */
final class CustomersApi {

  private final CarePulseStore store;
  private final CustomerMemory memory;

  CustomersApi(CarePulseStore store, CustomerMemory memory) {
    this.store = store;
    this.memory = memory;
  }

  /** The calls the caller may read, of one customer: a supervisor sees its teams', an agent its own. */
  void calls(RoutingContext ctx) {
    Params params = Params.of(ctx);
    Caller caller = Caller.of(ctx);
    String customerId = params.path("customerId");
    int limit = params.queryInt("limit", 50);
    store.customerCalls(customerId, limit).onSuccess(calls -> {
      JsonArray items = new JsonArray();
      calls.stream().filter(caller::mayRead).forEach(call -> items.add(ApiJson.callSummary(call)));
      Replies.json(ctx, 200, new JsonObject().put("customerId", customerId).put("items", items));
    }).onFailure(ctx::fail);
  }

  /** Erasure (integrators and admins): the customer's ended calls and all they hold, and the memory of them. */
  void forget(RoutingContext ctx) {
    Caller.of(ctx).require(Role.INTEGRATOR, Role.ADMIN);
    String customerId = Params.of(ctx).path("customerId");
    // Forgotten before and after the store's erasure: a call ending in between is not remembered either.
    memory.forget(customerId);
    store.forgetCustomer(customerId).compose(erased -> store.customerCalls(customerId, 1_000).map(live -> {
      memory.forget(customerId);
      return new JsonObject().put("customerId", customerId).put("callsErased", erased)
          .put("liveCallsKept", live.size());
    })).onSuccess(body -> Replies.json(ctx, 200, body)).onFailure(ctx::fail);
  }
}
