package io.carepulse.app;

import io.carepulse.api.RestApi;
import io.carepulse.auth.OriginPolicy;
import io.carepulse.history.CallJournal;
import io.carepulse.live.AgentGateway;
import io.carepulse.live.CallOwnership;
import io.carepulse.live.SupervisorGateway;
import io.carepulse.wire.AsyncApiDocument;
import java.util.function.Supplier;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP server instance; the service deploys one per event loop, all sharing the port, so connections spread over
 * every loop. Routes are declared here in one place.
 */
final class HttpVerticle extends VerticleBase {

  /** Routes run by order, then as added; the contract's routes are numbered from 0. */
  private static final int GUARD_FIRST = -2;
  private static final int SOCKETS_FIRST = -1;
  /** What a browser page on another origin may send and read (openapi.yaml's request and response headers). */
  private static final Set<String> CORS_REQUEST_HEADERS = Set.of("Authorization", "Content-Type", "Idempotency-Key",
      "If-Match");
  private static final Set<String> CORS_RESPONSE_HEADERS = Set.of("ETag", "Location", "Retry-After", "RateLimit",
      "RateLimit-Policy", "WWW-Authenticate");

  private final AppConfig config;
  private final int port;
  private final AgentGateway gateway;
  private final PrometheusMeterRegistry meters;
  private final AsyncApiDocument asyncApi;
  private final SupervisorGateway supervisors;
  private final RestApi restApi;
  private final Supplier<CallJournal.Health> history;
  private final CallOwnership ownership;
  private final MetricsAccess metricsAccess;
  private final ConnectionGuard guard;
  private final OriginPolicy origins;
  private HttpServer server;

  HttpVerticle(AppConfig config, int port, AgentGateway gateway, PrometheusMeterRegistry meters, AsyncApiDocument asyncApi,
               SupervisorGateway supervisors, RestApi restApi, Supplier<CallJournal.Health> history,
               ConnectionGuard guard, OriginPolicy origins, MetricsAccess metricsAccess, CallOwnership ownership) {
    this.metricsAccess = metricsAccess;
    this.guard = guard;
    this.origins = origins;
    this.ownership = ownership;
    this.supervisors = supervisors;
    this.restApi = restApi;
    this.history = history;
    this.config = config;
    this.port = port;
    this.gateway = gateway;
    this.meters = meters;
    this.asyncApi = asyncApi;
  }

  @Override
  public Future<?> start() {
    // The contract's operations (openapi.yaml) come from the REST API's router; the operational ones are ours.
    Operations operations = new Operations(vertx, config, gateway, meters, history, ownership);
    Router router = restApi.router(Map.of(
        "health", operations.health(),
        "ready", operations.ready(),
        "metrics", metricsAccess.guarding(operations.metrics()),
        "asyncapi", this::asyncApiYaml));
    // The sockets are ordered ahead of every route of the contract, whose first one reads request bodies: a handshake
    // carrying Content-Length: 0 (Java's own client sends it) would be read as a body and fail (docs/stack-notes.md P8).
    router.route().order(GUARD_FIRST).handler(guard::requestArrived);
    router.get(AgentGateway.PATH).order(SOCKETS_FIRST).handler(gateway::handle);
    router.get(SupervisorGateway.PATH).order(SOCKETS_FIRST).handler(supervisors::handle);
    // CORS for the REST API, from the same origin policy as the sockets; it answers preflights itself.
    router.route("/v1/*").order(SOCKETS_FIRST).handler(cors());
    // Both paths: the brief's, and the one the document's relative "./schemas/..." references resolve to.
    router.get("/v1/asyncapi/schemas/:name").handler(this::schema);
    router.get("/v1/schemas/:name").handler(this::schema);
    AgentSdkRoutes.mount(router);
    // The leader view (team trends, score against CSAT) is a page of the same webroot, under a name people can type.
    router.get("/leaders").handler(ctx -> ctx.reroute("/leaders.html"));
    // The dashboard page served from the jar at / (last: it answers what is left).
    router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));

    // Frames above the protocol limit reach the gateway, which answers too_large then closes 1009. The transport's
    // hard limit only bounds what a hostile frame costs in memory: above it Netty closes with 1009 itself, and a
    // client still uploading may see the TCP reset (1006) before that close frame.
    int hardLimit = (int) Math.min(Integer.MAX_VALUE, config.maxFrameBytes() * 16L);
    HttpServerOptions options = new HttpServerOptions()
        .setHost(config.httpHost())
        .setPort(port)
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setMaxWebSocketFrameSize(hardLimit)
        .setMaxWebSocketMessageSize(hardLimit)
        // A fixed socket send buffer instead of kernel autotuning (up to 4 MiB here): a stalled reader then pins at most
        // 128 KiB of kernel memory and backpressure (writeQueueFull) shows within ~200 KiB, not ~4 MiB. 128 KiB still
        // carries >1 MB/s at 100 ms RTT, far above what an agent or a dashboard needs.
        .setSendBufferSize(128 * 1024)
        // A backstop only: the guard's header deadline closes idle HTTP connections sooner, and sockets ping every
        // third of their idle timeout, so this never closes a live one.
        .setIdleTimeout((int) Math.max(1, config.idleTimeout().toSeconds() * 2))
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS)
        // No HTTP/2 over cleartext (nothing here uses it): with it Vert.x waits for a connection's first bytes to tell
        // HTTP/1 from HTTP/2 before the connection exists, so a client that sends nothing would escape the guard.
        .setHttp2ClearTextEnabled(false);
    return vertx.createHttpServer(options).connectionHandler(guard::connected).requestHandler(router).listen()
        .onSuccess(s -> server = s);
  }

  private CorsHandler cors() {
    CorsHandler cors = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(CORS_REQUEST_HEADERS)
        .exposedHeaders(CORS_RESPONSE_HEADERS)
        .maxAgeSeconds(600);
    return origins.allowsAny() ? cors : cors.addOrigins(origins.allowed());
  }

  int actualPort() {
    return server.actualPort();
  }

  private void asyncApiYaml(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(asyncApi.yaml());
  }

  private void schema(RoutingContext ctx) {
    asyncApi.schema(ctx.pathParam("name")).ifPresentOrElse(
        text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/schema+json").end(text),
        () -> ctx.response().setStatusCode(404).end());
  }
}
