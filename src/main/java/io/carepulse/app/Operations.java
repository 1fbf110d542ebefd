package io.carepulse.app;

import io.carepulse.history.CallJournal;
import io.carepulse.live.AgentGateway;
import io.carepulse.live.CallOwnership;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.List;
import java.util.function.Supplier;

/** The operational endpoints, /health, /ready and /metrics, as served on the public and the management port. */
final class Operations {

  private final Vertx vertx;
  private final AppConfig config;
  private final AgentGateway gateway;
  private final PrometheusMeterRegistry meters;
  private final Supplier<CallJournal.Health> history;
  private final CallOwnership ownership;

  Operations(Vertx vertx, AppConfig config, AgentGateway gateway, PrometheusMeterRegistry meters,
             Supplier<CallJournal.Health> history, CallOwnership ownership) {
    this.ownership = ownership;
    this.vertx = vertx;
    this.config = config;
    this.gateway = gateway;
    this.meters = meters;
    this.history = history;
  }

  Handler<RoutingContext> health() {
    return HealthCheckHandler.create(vertx).register("process", p -> p.complete(Status.OK()));
  }

  Handler<RoutingContext> ready() {
    return HealthCheckHandler.create(vertx)
        .register("accepting-calls", p -> p.complete(gateway.draining() ? Status.KO() : Status.OK()))
        .register("history", p -> p.complete(historyStatus()))
        .register("cluster", p -> p.complete(clusterStatus()));
  }

  /** Clustered, this node is ready while it is a member: the members it counts, itself among them. */
  private Status clusterStatus() {
    if (!ownership.clustered()) {
      return Status.OK(new JsonObject().put("clustered", false));
    }
    List<String> members = ownership.members();
    JsonObject data = new JsonObject().put("clustered", true).put("node", ownership.node())
        .put("members", new JsonArray(members));
    return members.contains(ownership.node()) ? Status.OK(data) : Status.KO(data);
  }

  Handler<RoutingContext> metrics() {
    return PrometheusScrapingHandler.create(meters);
  }

  /**
   * A history store outage degrades history, never the live call: /ready stays 200 (the check's data says
   * {@code degraded} and why) so load balancers keep sending resumes and live frames here. It turns 503 once the queue
   * in front of the store is full and new frames are being refused anyway ({@code full}), or once acks have waited
   * longer than {@code journalStallBound} with nothing committed ({@code stalled}): the node cannot promise "ack means
   * persisted" then, so new calls should go elsewhere. Back to 200 as soon as batches commit again.
   */
  private Status historyStatus() {
    CallJournal.Health health = history.get();
    boolean stalled = health.stuckLongerThan(config.journalStallBound());
    if (health.storeUp() && !stalled) {
      return Status.OK();
    }
    String state = health.full() ? "full" : stalled ? "stalled" : "degraded";
    JsonObject data = new JsonObject()
        .put("state", state)
        .put("reason", health.storeUp() ? "acks waiting for the history store for " + health.acksWaiting().toMillis()
            + " ms" : "history store unavailable since " + health.failingSince() + ": " + health.lastError())
        .put("pendingFrames", health.pendingFrames())
        .put("queueBound", health.bound())
        .put("acksWaitingMs", health.acksWaiting().toMillis());
    return state.equals("degraded") ? Status.OK(data) : Status.KO(data);
  }

}
