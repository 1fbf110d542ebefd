package io.carepulse.live;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** A WebSocket upgrade refused over plain HTTP, the same way on every socket endpoint (401 names the Bearer scheme). */
final class UpgradeRefusal {

  private UpgradeRefusal() {
  }

  static void send(RoutingContext ctx, int status, String message) {
    var response = ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.end(message);
  }
}
