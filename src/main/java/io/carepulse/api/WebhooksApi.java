package io.carepulse.api;

import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.WebhookSubscription;
import io.carepulse.webhook.WebhookDispatcher;
import io.carepulse.webhook.WebhookTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Webhook subscriptions and their delivery logs; integrators and admins only. */
final class WebhooksApi {

  private final CarePulseStore store;
  private final WebhookDispatcher dispatcher;

  WebhooksApi(CarePulseStore store, WebhookDispatcher dispatcher) {
    this.store = store;
    this.dispatcher = dispatcher;
  }

  void create(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    caller.require(Role.INTEGRATOR, Role.ADMIN);
    JsonObject body = Params.of(ctx).body();
    String secret = body.getString("secret") != null ? body.getString("secret") : JwtAuth.generateSecret();
    List<String> events = body.getJsonArray("events").stream().map(String.class::cast).toList();
    WebhookSubscription subscription = new WebhookSubscription(UUID.randomUUID().toString(), body.getString("url"),
        events, secret, caller.id(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    dispatcher.checkTarget(subscription.url())
        .recover(e -> io.vertx.core.Future.failedFuture(e instanceof WebhookTargets.Refused refused
            ? Problem.invalid("body.url", refused.getMessage()).asFailure() : e))
        .compose(allowed -> store.addWebhook(subscription))
        .onSuccess(v -> dispatcher.added())
        .onSuccess(v -> Replies.json(ctx, 201, json(subscription).put("secret", secret)))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    Caller.of(ctx).require(Role.INTEGRATOR, Role.ADMIN);
    store.webhooks().onSuccess(all -> {
      JsonArray items = new JsonArray();
      all.forEach(subscription -> items.add(json(subscription)));
      Replies.json(ctx, 200, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    Caller.of(ctx).require(Role.INTEGRATOR, Role.ADMIN);
    String id = Params.of(ctx).path("webhookId");
    dispatcher.forget(id);
    store.removeWebhook(id).onSuccess(existed -> {
      if (existed) {
        ctx.response().setStatusCode(204).end();
      } else {
        ctx.fail(Problem.notFound("no webhook " + id).asFailure());
      }
    }).onFailure(ctx::fail);
  }

  void deliveries(RoutingContext ctx) {
    Caller.of(ctx).require(Role.INTEGRATOR, Role.ADMIN);
    Params params = Params.of(ctx);
    String id = params.path("webhookId");
    int limit = params.queryInt("limit", 100);
    store.webhook(id).compose(found -> found.isEmpty()
            ? io.vertx.core.Future.failedFuture(Problem.notFound("no webhook " + id).asFailure())
            : store.deliveries(id, limit))
        .onSuccess(log -> {
          JsonArray items = new JsonArray();
          log.forEach(d -> items.add(new JsonObject()
              .put("deliveryId", d.deliveryId())
              .put("event", d.event())
              .put("eventId", d.eventId())
              .put("state", d.state().wire())
              .put("attempts", d.attempts())
              .put("lastStatus", d.lastStatus())
              .put("lastError", d.lastError())
              .put("createdAt", ApiJson.time(d.createdAt()))
              .put("updatedAt", ApiJson.time(d.updatedAt()))));
          Replies.json(ctx, 200, new JsonObject().put("items", items));
        })
        .onFailure(ctx::fail);
  }

  private static JsonObject json(WebhookSubscription subscription) {
    return new JsonObject()
        .put("id", subscription.id())
        .put("url", subscription.url())
        .put("events", new JsonArray(subscription.events()))
        .put("createdAt", ApiJson.time(subscription.createdAt()));
  }
}
