package io.carepulse.live;

import io.carepulse.alert.TeamAlertSettings;
import io.carepulse.auth.JwtAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * Everything supervisors get, wired once: the feed listening to every call (alerts and kudos onto the event bus, rows
 * for dashboards) and the {@code /v1/supervisor} endpoint. The service creates it before it takes calls.
 */
public final class Supervision {

  private final SupervisorFeed feed;
  private final SupervisorGateway gateway;

  private Supervision(SupervisorFeed feed, SupervisorGateway gateway) {
    this.feed = feed;
    this.gateway = gateway;
  }

  public static Supervision start(Vertx vertx, LiveSettings settings, JwtAuth jwt, OriginCheck origins,
                                  AgentGateway agents, TeamAlertSettings teams) {
    SupervisorFeed feed = new SupervisorFeed(vertx.eventBus(), teams, agents);
    agents.calls().addListener(feed);
    return new Supervision(feed, new SupervisorGateway(vertx, settings, jwt, origins, agents.calls(), feed));
  }

  public SupervisorFeed feed() {
    return feed;
  }

  public SupervisorGateway gateway() {
    return gateway;
  }

  /** Closes supervisor sockets (1001) on shutdown; dashboards reconnect to another node. */
  public Future<Void> close() {
    return gateway.close();
  }
}
