package io.carepulse.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * An error as RFC 9457 problem details. {@code type} is stable (clients switch on it); {@code errors} names each
 * offending field of a request that breaks the contract. Handlers fail with {@link #asFailure()}; {@link Problems}
 * renders every failure in one place.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

  public static final String BASE = "https://carepulse.io/problems/";

  public record FieldError(String field, String message) {
  }

  public Problem {
    errors = List.copyOf(errors);
  }

  public static Problem invalid(String field, String message) {
    return new Problem(BASE + "invalid-request", "Invalid request", 400, field + ": " + message,
        List.of(new FieldError(field, message)));
  }

  public static Problem unauthorized(String detail) {
    return of("unauthorized", "Unauthorized", 401, detail);
  }

  public static Problem forbidden(String detail) {
    return of("forbidden", "Forbidden", 403, detail);
  }

  public static Problem notFound(String detail) {
    return of("not-found", "Not found", 404, detail);
  }

  /** A call the in-memory store no longer holds (a 404 that says why). */
  public static Problem callEvicted(String detail) {
    return of("call-evicted", "Call history evicted", 404, detail);
  }

  public static Problem idempotencyKeyReused(String detail) {
    return of("idempotency-key-reused", "Idempotency-Key reused with a different request", 422, detail);
  }

  public static Problem preconditionFailed(String detail) {
    return of("precondition-failed", "Precondition failed", 412, detail);
  }

  public static Problem preconditionRequired(String detail) {
    return of("precondition-required", "Precondition required", 428, detail);
  }

  public static Problem methodNotAllowed(String detail) {
    return of("method-not-allowed", "Method not allowed", 405, detail);
  }

  public static Problem unavailable(String detail) {
    return of("unavailable", "Service unavailable", 503, detail);
  }

  public static Problem rateLimited(String detail) {
    return of("rate-limited", "Too many requests", 429, detail);
  }

  public static Problem unsupportedMediaType(String detail) {
    return of("unsupported-media-type", "Unsupported media type", 415, detail);
  }

  public static Problem internal() {
    return of("internal", "Internal error", 500, "something went wrong on our side; it has been logged");
  }

  private static Problem of(String slug, String title, int status, String detail) {
    return new Problem(BASE + slug, title, status, detail, List.of());
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status)
        .put("detail", detail);
    if (instance != null) {
      json.put("instance", instance);
    }
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      json.put("errors", list);
    }
    return json;
  }

  public Failure asFailure() {
    return new Failure(this);
  }

  /** A handler's way to end a request with this problem: {@code ctx.fail(problem.asFailure())} or a failed future. */
  public static final class Failure extends RuntimeException {
    private final Problem problem;

    Failure(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    public Problem problem() {
      return problem;
    }
  }
}
