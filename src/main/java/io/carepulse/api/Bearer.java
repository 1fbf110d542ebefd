package io.carepulse.api;

import io.carepulse.auth.BearerToken;
import io.carepulse.auth.JwtAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The first handler of every secured operation: a valid {@code Authorization: Bearer <JWT>} or 401, then the token's
 * request budget or 429.
 */
final class Bearer {

  private final JwtAuth jwt;
  private final RateLimit limit;

  Bearer(JwtAuth jwt, RateLimit limit) {
    this.jwt = jwt;
    this.limit = limit;
  }

  void authenticate(RoutingContext ctx) {
    Optional<String> token = BearerToken.of(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      ctx.fail(Problem.unauthorized("send Authorization: Bearer <token>").asFailure());
      return;
    }
    jwt.verify(token.get()).onComplete(result -> {
      if (result.succeeded()) {
        if (!limit.admit(token.get(), ctx)) {
          ctx.fail(Problem.rateLimited("this token's request budget is spent; retry after the Retry-After seconds")
              .asFailure());
          return;
        }
        Caller.set(ctx, result.result());
        ctx.next();
      } else {
        ctx.fail(Problem.unauthorized(JwtAuth.refusal(result.cause())).asFailure());
      }
    });
  }
}
