package io.carepulse.app;

import io.carepulse.cluster.CallLeases;
import io.carepulse.cluster.ClusterNode;
import io.carepulse.cluster.ClusterSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.micrometer.MicrometerMetricsFactory;

/**
 * {@code serve --cluster}: joins the cluster, then starts the service on the clustered Vert.x with call leases. The
 * only class of the application that names the cluster's, so a plain start never loads Hazelcast.
 */
final class ClusterStart {

  private ClusterStart() {
  }

  /**
   * Blocks the calling thread (main) until joined, then starts the service from it as a plain start does: wiring
   * loads schemas and models, which must not run on an event loop.
   */
  static Future<CarePulseService> start(AppConfig config, PrometheusMeterRegistry meters) {
    ClusterSettings settings = new ClusterSettings(config.clusterHost(), config.clusterPort(), config.clusterMembers(),
        ClusterSettings.LEASE);
    ClusterNode node;
    try {
      node = ClusterNode.join(settings, ServeCommand.options(), new MicrometerMetricsFactory(meters)).await();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    CallLeases leases = new CallLeases(node);
    // The cluster view beside the per-node metrics: how many members this node counts, how many calls it owns.
    Gauge.builder("carepulse.cluster.members", () -> node.members().size()).description("members this node counts")
        .register(meters);
    Gauge.builder("carepulse.cluster.calls.owned", leases::held).description("calls whose lease this node holds")
        .register(meters);
    return CarePulseService.start(node.vertx(), config, meters, leases)
        .recover(e -> node.vertx().close().transform(closed -> Future.failedFuture(e)));
  }
}
