package io.carepulse.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatedRequest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Typed access to a request the contract has validated. */
final class Params {

  private final ValidatedRequest request;

  private Params(ValidatedRequest request) {
    this.request = request;
  }

  static Params of(RoutingContext ctx) {
    return new Params(ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST));
  }

  String path(String name) {
    return request.getPathParameters().get(name).getString();
  }

  String query(String name) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? null : value.getString();
  }

  Integer queryInt(String name) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? null : value.getInteger();
  }

  int queryInt(String name, int fallback) {
    Integer value = queryInt(name);
    return value == null ? fallback : value;
  }

  Long queryLong(String name) {
    RequestParameter value = request.getQuery().get(name);
    return value == null || value.isNull() ? null : value.getLong();
  }

  /** An RFC 3339 date-time query parameter, or a 400 naming it. */
  Instant queryInstant(String name) {
    String text = query(name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw Problem.invalid("query." + name, "must be an RFC 3339 date-time such as 2026-11-02T09:00:00Z").asFailure();
    }
  }

  io.vertx.core.json.JsonObject body() {
    return request.getBody().getJsonObject();
  }
}
