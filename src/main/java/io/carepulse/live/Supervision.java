package io.carepulse.live;

import io.carepulse.auth.OriginPolicy;
import io.carepulse.alert.TeamAlertSettings;
import io.carepulse.auth.JwtAuth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.UnaryOperator;

/**
 * Everything supervisors get: the feed (a verticle listening to every call: alerts and kudos onto the event bus, rows
 * for dashboards) and the {@code /v1/supervisor} endpoint. The service deploys the feed before it takes calls.
 */
public final class Supervision {

  private final SupervisorFeed feed;
  private final SupervisorGateway gateway;

  private Supervision(SupervisorFeed feed, SupervisorGateway gateway) {
    this.feed = feed;
    this.gateway = gateway;
  }

  /** {@code redact}: what transcript text goes through before a supervisor sees it. */
  public static Supervision create(Vertx vertx, LiveSettings settings, JwtAuth jwt, OriginPolicy origins,
                                   AgentGateway agents, TeamAlertSettings teams, UnaryOperator<String> redact) {
    SupervisorFeed feed = new SupervisorFeed(agents.calls(), teams, agents, redact);
    LiveLookup lookup = new LiveLookup(vertx, feed, agents.calls().ownership());
    return new Supervision(feed, new SupervisorGateway(vertx, settings, jwt, origins, agents.calls(), feed, lookup));
  }

  public SupervisorFeed feed() {
    return feed;
  }

  /** The live state of any call, asked of its owner when another node holds it (the REST API's live state). */
  public LiveLookup lookup() {
    return gateway.lookup();
  }

  public SupervisorGateway gateway() {
    return gateway;
  }

  /** Closes supervisor sockets (1001) on shutdown; dashboards reconnect to another node. */
  public Future<Void> close() {
    return gateway.close();
  }
}
