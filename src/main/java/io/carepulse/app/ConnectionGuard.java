package io.carepulse.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps connections that do nothing from holding the port's file descriptors: every TCP connection counts against a
 * cap in all and per client address (over either it is closed at once, before a byte is read); and a connection must
 * send a request's complete headers within the header deadline of connecting or of its last response, else it is
 * closed — a slow-header (slowloris) client or an idle keep-alive connection costs at most that long. A connection
 * upgraded to a WebSocket leaves the deadline to the socket's own hello and idle timeouts. Shared by every server
 * verticle instance; thread-safe (each connection's timer runs on its own event loop).
 */
final class ConnectionGuard {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

  private final Vertx vertx;
  private final long headerDeadlineMillis;
  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentMap<String, Integer> byAddress = new ConcurrentHashMap<>();
  /** The deadline timer of each connection waiting for a request's headers. */
  private final ConcurrentMap<HttpConnection, Long> waiting = new ConcurrentHashMap<>();
  private final Counter refusedOverCap;
  private final Counter closedWithoutRequest;

  ConnectionGuard(Vertx vertx, AppConfig.Edge edge, MeterRegistry meters) {
    this.vertx = vertx;
    this.headerDeadlineMillis = edge.requestHeaderTimeout().toMillis();
    this.maxConnections = edge.maxConnections();
    this.maxPerAddress = edge.maxConnectionsPerIp();
    Gauge.builder("carepulse_http_connections", open, AtomicInteger::get)
        .description("TCP connections open on the service port").register(meters);
    this.refusedOverCap = Counter.builder("carepulse_http_connections_refused")
        .description("connections closed at once: over the total or per-address cap").register(meters);
    this.closedWithoutRequest = Counter.builder("carepulse_http_header_timeouts")
        .description("connections closed for sending no complete request within the header deadline").register(meters);
  }

  /** The server's connection handler: admit or close, then start the header deadline. */
  void connected(HttpConnection connection) {
    String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().hostAddress();
    int all = open.incrementAndGet();
    int here = byAddress.merge(address, 1, Integer::sum);
    connection.closeHandler(v -> released(connection, address));
    if (all > maxConnections || maxPerAddress > 0 && here > maxPerAddress) {
      refusedOverCap.increment();
      LOG.atDebug().addKeyValue("address", address).log("connection over the cap ({} open, {} from this address)", all, here);
      connection.close();
      return;
    }
    awaitRequest(connection);
  }

  /** First route of the router: a request's headers arrived. */
  void requestArrived(RoutingContext ctx) {
    HttpConnection connection = ctx.request().connection();
    Long timer = waiting.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    if (!"websocket".equalsIgnoreCase(ctx.request().getHeader(HttpHeaders.UPGRADE))) {
      ctx.addEndHandler(done -> awaitRequest(connection));
    }
    ctx.next();
  }

  private void awaitRequest(HttpConnection connection) {
    long timer = vertx.setTimer(headerDeadlineMillis, id -> {
      if (waiting.remove(connection, id)) {
        closedWithoutRequest.increment();
        connection.close();
      }
    });
    Long previous = waiting.put(connection, timer);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
  }

  private void released(HttpConnection connection, String address) {
    Long timer = waiting.remove(connection);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
    open.decrementAndGet();
    byAddress.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
  }

  Duration headerDeadline() {
    return Duration.ofMillis(headerDeadlineMillis);
  }
}
