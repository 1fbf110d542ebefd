package io.carepulse.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This process as a member of a CarePulse cluster: a clustered Vert.x on the Hazelcast cluster manager, joined by
 * TCP-IP to the listed members on loopback or a private network, its event bus bound to the same host. Hazelcast is
 * tuned for a quick verdict on a dead member (heartbeat every second, removed after 6 s without one) because a
 * call's failover waits for that verdict or for the call's lease, whichever comes first.
 */
public final class ClusterNode {

  /** Seconds without a heartbeat before Hazelcast removes a member (its default, 60 s, would exceed the 30 s goal). */
  static final int MAX_NO_HEARTBEAT_SECONDS = 6;

  /** The member attribute where vertx-hazelcast keeps the Vert.x node id. */
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final ClusterSettings settings;
  private final List<Consumer<String>> leaving = new CopyOnWriteArrayList<>();

  private ClusterNode(Vertx vertx, HazelcastClusterManager manager, ClusterSettings settings) {
    this.vertx = vertx;
    this.manager = manager;
    this.settings = settings;
  }

  /** Starts a clustered Vert.x with these options and metrics; fails with a message naming what to change. */
  public static Future<ClusterNode> join(ClusterSettings settings, VertxOptions options, VertxMetricsFactory metrics) {
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
    options.setEventBusOptions(new EventBusOptions().setHost(settings.host()).setPort(0)
        .setClusterPublicHost(settings.host()));
    return Vertx.builder().with(options).withMetrics(metrics).withClusterManager(manager).buildClustered()
        .recover(e -> Future.failedFuture(new IllegalStateException("cannot join the cluster as " + settings.host()
            + ":" + settings.port() + " (members " + settings.joinList() + "): " + e.getMessage(), e)))
        .map(vertx -> {
          ClusterNode node = new ClusterNode(vertx, manager, settings);
          manager.getHazelcastInstance().getCluster().addMembershipListener(node.new Departures());
          return node;
        });
  }

  static Config hazelcast(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("carepulse");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Vert.x leaves the cluster in our shutdown hook, after the agents are drained; Hazelcast's own hook would go first.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    // An explicit member list needs no wait for others to appear (~8 s → ~3 s to join on two cores, stack notes P7).
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(MAX_NO_HEARTBEAT_SECONDS));
    config.setProperty("hazelcast.operation.call.timeout.millis", "10000");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false).setPublicAddress(settings.host() + ":"
        + settings.port());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(settings.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.joinList());
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This member's id, the one Vert.x and the call leases name it by. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** Ids of the members Hazelcast counts now, this one included. */
  public List<String> members() {
    return manager.getNodes();
  }

  com.hazelcast.core.HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  public boolean active() {
    return manager.isActive();
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** Tells {@code listener} the id of every member that leaves or is found dead. */
  public void whenMemberLeaves(Consumer<String> listener) {
    leaving.add(listener);
  }

  private final class Departures implements MembershipListener {

    @Override
    public void memberAdded(MembershipEvent event) {
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
      // Vert.x names members by its own node id, kept as a member attribute, not by Hazelcast's member UUID.
      String id = event.getMember().getAttribute(VERTX_NODE_ID);
      if (id != null) {
        leaving.forEach(listener -> listener.accept(id));
      }
    }
  }
}
