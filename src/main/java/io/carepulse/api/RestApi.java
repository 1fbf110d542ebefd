package io.carepulse.api;

import io.carepulse.auth.JwtAuth;
import io.carepulse.history.CustomerMemory;
import io.carepulse.live.CallIngest;
import io.carepulse.playbook.PlaybookSettings;
import io.carepulse.store.CarePulseStore;
import io.carepulse.webhook.WebhookDispatcher;
import io.carepulse.wire.FrameReader;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import java.util.Map;

/**
 * The integrator REST API, bound to openapi.yaml: the router is built from the contract, which validates every
 * request, and every operation is declared here, in one place, with its handler. Operations whose contract says
 * {@code security: []} are public; every other one starts with the bearer check. Shared by every server verticle;
 * each gets its own router.
 */
public final class RestApi {

  private static final long BODY_LIMIT = 1024 * 1024;
  /** Operations whose handler checks its own credential (the metrics token), not a JWT. */
  private static final java.util.Set<String> SELF_AUTHENTICATED = java.util.Set.of("metrics");

  private final Vertx vertx;
  private final OpenAPIContract contract;
  private final String contractYaml;
  private final Bearer bearer;
  private final CallsApi calls;
  private final FramesApi frames;
  private final OutcomesApi outcomes;
  private final ReportsApi reports;
  private final PlaybooksApi playbooks;
  private final WebhooksApi webhooks;
  private final CustomersApi customers;

  private RestApi(Vertx vertx, OpenAPIContract contract, String contractYaml, JwtAuth jwt, CarePulseStore store,
                  PlaybookSettings settings, FrameReader reader, CallIngest feed, WebhookDispatcher dispatcher,
                  CustomerMemory memory, int requestsPerSecond) {
    this.vertx = vertx;
    this.contract = contract;
    this.contractYaml = contractYaml;
    this.bearer = new Bearer(jwt, new RateLimit(requestsPerSecond));
    this.calls = new CallsApi(store, feed);
    this.frames = new FramesApi(reader, feed);
    this.outcomes = new OutcomesApi(store, calls, memory);
    this.customers = new CustomersApi(store, memory);
    this.reports = new ReportsApi(store, java.time.Clock.systemUTC());
    this.playbooks = new PlaybooksApi(vertx, store, settings);
    this.webhooks = new WebhooksApi(store, dispatcher);
  }

  public static Future<RestApi> create(Vertx vertx, JwtAuth jwt, CarePulseStore store, PlaybookSettings settings,
                                       FrameReader reader, CallIngest feed, WebhookDispatcher dispatcher,
                                       CustomerMemory memory, int requestsPerSecond) {
    // Parsing the contract's YAML and building the library's model of it (done synchronously by
    // OpenAPIContract.from) take hundreds of milliseconds of CPU — 7.7 s on a loaded two-core box, measured by the
    // tests' EventLoopWatch: on a worker, never on the event loop that starts the service.
    // (A worker may not await: it hands the library's future back, and the caller's context composes on it.)
    return vertx.executeBlocking(() -> {
      ContractDocument document = ContractDocument.load();
      return document.contract(vertx).map(contract -> new RestApi(vertx, contract, document.yaml(), jwt, store,
          settings, reader, feed, dispatcher, memory, requestsPerSecond));
    }, false).compose(built -> built);
  }

  public OpenAPIContract contract() {
    return contract;
  }

  /**
   * A router for one server verticle: every operation of the contract, with {@code operational} supplying the
   * handlers of the operational ones (health, ready, metrics, asyncapi) that the HTTP verticle owns.
   */
  public Router router(Map<String, Handler<RoutingContext>> operational) {
    RouterBuilder builder = RouterBuilder.create(vertx, contract, RequestExtractor.withBodyHandler())
        .rootHandler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
    operational.forEach((operationId, handler) -> bind(builder, operationId, handler));
    bind(builder, "openapi", this::openapi);

    bind(builder, "listCalls", calls::list);
    bind(builder, "getCall", calls::get);
    bind(builder, "getCallTimeline", calls::timeline);
    bind(builder, "getCallTranscript", calls::transcript);
    bind(builder, "getCallPrompts", calls::prompts);
    bind(builder, "getCallWhispers", calls::whispers);
    bind(builder, "postCallFrames", frames::post);
    bind(builder, "getCallFrames", calls::frames);
    bind(builder, "postCallOutcome", outcomes::post);
    bind(builder, "getCalibrationReport", reports::calibration);
    bind(builder, "getUpliftReport", reports::uplift);
    bind(builder, "getAgentReport", reports::agents);
    bind(builder, "getTeamReport", reports::teams);
    bind(builder, "getPlaybook", playbooks::get);
    bind(builder, "putPlaybook", playbooks::put);
    bind(builder, "listCustomerCalls", customers::calls);
    bind(builder, "forgetCustomer", customers::forget);
    bind(builder, "createWebhook", webhooks::create);
    bind(builder, "listWebhooks", webhooks::list);
    bind(builder, "deleteWebhook", webhooks::delete);
    bind(builder, "listWebhookDeliveries", webhooks::deliveries);

    // An operation without a handler would answer 503 (docs/stack-notes.md P5): refuse to start instead.
    for (OpenAPIRoute route : builder.getRoutes()) {
      if (route.getHandlers().isEmpty()) {
        throw new IllegalStateException("operation " + route.getOperation().getOperationId() + " has no handler");
      }
    }
    Router router = builder.createRouter();
    router.route().failureHandler(Problems::render);
    router.errorHandler(404, Problems::renderStatus);
    router.errorHandler(405, ctx -> {
      ctx.response().putHeader(HttpHeaders.ALLOW, allowedMethods(ctx.request().path()));
      Problems.renderStatus(ctx);
    });
    return router;
  }

  private void bind(RouterBuilder builder, String operationId, Handler<RoutingContext> handler) {
    OpenAPIRoute route = builder.getRoute(operationId);
    if (route == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + operationId);
    }
    route.setDoSecurity(false);
    boolean ownCheck = SELF_AUTHENTICATED.contains(operationId);
    if (!ownCheck && (!route.getOperation().getSecurityRequirements().isEmpty() || declaresGlobalSecurity(route))) {
      route.addHandler(bearer::authenticate);
    }
    route.addHandler(handler);
  }

  /** An operation without its own {@code security} inherits the document's (bearer). */
  private boolean declaresGlobalSecurity(OpenAPIRoute route) {
    JsonObject operation = route.getOperation().getOpenAPIModel();
    return !operation.containsKey("security") && !contract.getSecurityRequirements().isEmpty();
  }

  /** The methods the contract declares on the path of {@code requestPath}, for the Allow header of a 405. */
  private String allowedMethods(String requestPath) {
    java.util.TreeSet<String> methods = new java.util.TreeSet<>();
    for (io.vertx.openapi.contract.Operation operation : contract.operations()) {
      String pattern = operation.getOpenAPIPath().replaceAll("\\{[^/]+}", "[^/]+");
      if (requestPath.matches(pattern)) {
        methods.add(operation.getHttpMethod().name());
      }
    }
    return String.join(", ", methods);
  }

  private void openapi(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8").end(contractYaml);
  }
}
