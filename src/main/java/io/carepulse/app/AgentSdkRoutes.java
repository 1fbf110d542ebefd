package io.carepulse.app;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The agent softphone SDK as the jar ships it (web/agent-sdk, copied to the classpath folder agent-sdk): the ES
 * modules at {@code /sdk/*} (so a softphone can {@code import { CarePulseAgent } from '/sdk/carepulse-agent.js'}) and the
 * demo agent page at {@code /agent}. Mount before the dashboard's catch-all static route.
 */
public final class AgentSdkRoutes {

  private static final String ROOT = "agent-sdk";

  private AgentSdkRoutes() {
  }

  public static void mount(Router router) {
    router.get("/agent").handler(AgentSdkRoutes::demoPage);
    router.get("/agent/").handler(AgentSdkRoutes::demoPage);
    // Revalidated on every load: an agent's desk must pick up a new SDK with the service that speaks its protocol.
    router.get("/sdk/*").handler(StaticHandler.create(ROOT).setCachingEnabled(false).setDirectoryListing(false)
        .setDefaultContentEncoding("UTF-8"));
  }

  private static void demoPage(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .sendFile(ROOT + "/demo/index.html");
  }
}
