package io.carepulse.api;

import io.carepulse.auth.JwtAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** The first handler of every secured operation: a valid {@code Authorization: Bearer <JWT>} or 401. */
final class Bearer {

  private final JwtAuth jwt;

  Bearer(JwtAuth jwt) {
    this.jwt = jwt;
  }

  void authenticate(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(Problem.unauthorized("send Authorization: Bearer <token>").asFailure());
      return;
    }
    jwt.verify(header.substring(7).trim()).onComplete(result -> {
      if (result.succeeded()) {
        Caller.set(ctx, result.result());
        ctx.next();
      } else {
        ctx.fail(Problem.unauthorized(result.cause() instanceof JwtAuth.AuthFailure
            ? result.cause().getMessage() : "token rejected").asFailure());
      }
    });
  }
}
