package io.carepulse.live;

import io.carepulse.auth.OriginPolicy;
import io.carepulse.auth.Identity;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.carepulse.wire.SupervisorFrameReader;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor endpoint, {@code GET /v1/supervisor}: a {@link SocketGateway} that admits supervisors and admins and
 * hands each socket to a {@link SupervisorConnection}. Shared by every server verticle.
 */
public final class SupervisorGateway {

  public static final String PATH = "/v1/supervisor";

  /** How often a supervisor's pending changes are sent: at most this many updates per call per second is 4. */
  static final Duration FLUSH_INTERVAL = Duration.ofMillis(250);

  private final CallRegistry calls;
  private final SupervisorFeed feed;
  private final LiveLookup lookup;
  private final SupervisorFrameReader reader = SupervisorFrameReader.load();
  private final SocketGateway<SupervisorConnection> sockets;
  private final Duration endedLinger;

  SupervisorGateway(Vertx vertx, LiveSettings settings, JwtAuth jwt, OriginPolicy origins, CallRegistry calls,
                    SupervisorFeed feed, LiveLookup lookup) {
    this.calls = calls;
    this.feed = feed;
    this.lookup = lookup;
    this.endedLinger = settings.dashboardLinger();
    this.sockets = new SocketGateway<>(vertx, PATH, settings, jwt, origins, SupervisorGateway::mayUse,
        (socket, context) -> new SupervisorConnection(this, socket, context), status -> { });
  }

  static boolean mayUse(Identity identity) {
    return identity.role() == Role.SUPERVISOR || identity.role() == Role.ADMIN;
  }

  public void handle(RoutingContext ctx) {
    sockets.handle(ctx);
  }

  /** Shutdown: no new supervisors; open sockets are closed with 1001 so dashboards reconnect elsewhere. */
  public Future<Void> close() {
    return sockets.drain();
  }

  public int connections() {
    return sockets.connections().size();
  }

  /** Per connection, the calls waiting to be sent: bounded by the calls in its scope, however stalled it is. */
  public List<Integer> pendingPerConnection() {
    List<Integer> pending = new ArrayList<>();
    sockets.connections().forEach(connection -> pending.add(connection.pending()));
    return pending;
  }

  /** Flushes skipped because a socket's write queue was full, over all connections so far. */
  public long skippedFlushes() {
    long total = 0;
    for (SupervisorConnection connection : sockets.connections()) {
      total += connection.skippedFlushes();
    }
    return total;
  }

  SocketGateway<SupervisorConnection> sockets() {
    return sockets;
  }

  Vertx vertx() {
    return sockets.vertx();
  }

  /** How long an ended call stays on the dashboard (welcome.endedLingerMs, and the snapshot's ended calls). */
  Duration endedLinger() {
    return endedLinger;
  }

  CallRegistry calls() {
    return calls;
  }

  SupervisorFeed feed() {
    return feed;
  }

  LiveLookup lookup() {
    return lookup;
  }

  SupervisorFrameReader reader() {
    return reader;
  }
}
