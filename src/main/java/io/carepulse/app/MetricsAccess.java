package io.carepulse.app;

import io.carepulse.api.Problem;
import io.carepulse.auth.BearerToken;
import io.carepulse.auth.JwtAuth;
import io.carepulse.auth.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * /metrics on the public port tells anyone how many calls run, which errors clients hit and how the JVM is doing: it
 * answers only {@code Authorization: Bearer <metricsToken>} (CAREPULSE_METRICS_TOKEN) or an admin's JWT, else 401.
 * Scrapers without a token use the management port (CAREPULSE_MANAGEMENT_PORT), which serves it unguarded.
 */
final class MetricsAccess {

  private final JwtAuth jwt;
  private final byte[] metricsToken;

  MetricsAccess(JwtAuth jwt, String metricsToken) {
    this.jwt = jwt;
    this.metricsToken = metricsToken == null ? null : metricsToken.getBytes(StandardCharsets.UTF_8);
  }

  Handler<RoutingContext> guarding(Handler<RoutingContext> metrics) {
    return ctx -> {
      Optional<String> token = BearerToken.of(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
      if (token.isEmpty()) {
        ctx.fail(Problem.unauthorized("send Authorization: Bearer <metrics token or admin token>, or scrape the "
            + "management port").asFailure());
        return;
      }
      if (metricsToken != null
          && MessageDigest.isEqual(metricsToken, token.get().getBytes(StandardCharsets.UTF_8))) {
        metrics.handle(ctx);
        return;
      }
      jwt.verify(token.get()).onComplete(verified -> {
        if (verified.succeeded() && verified.result().role() == Role.ADMIN) {
          metrics.handle(ctx);
        } else {
          ctx.fail(Problem.unauthorized("not the metrics token, nor an admin token").asFailure());
        }
      });
    };
  }
}
