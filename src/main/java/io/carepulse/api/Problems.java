package io.carepulse.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure of the REST API into application/problem+json, in one place. */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  static final String CONTENT_TYPE = "application/problem+json";

  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter (\\S+?)[.:,]?(\\s|$)");
  private static final Pattern REQUIRED = Pattern.compile("required property \"?'?([^\"' ]+)");

  private Problems() {
  }

  static void render(RoutingContext ctx) {
    Problem problem = problemOf(ctx);
    if (problem.status() >= 500 && !(ctx.failure() instanceof Problem.Failure)) {
      LOG.atError().setCause(ctx.failure()).addKeyValue("path", ctx.request().path()).log("request failed");
    }
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    if (problem.status() == 401) {
      // RFC 9110 §11.6.1: a 401 names the scheme; RFC 6750 §3 adds why when a token was sent and refused.
      boolean sent = ctx.request().getHeader(HttpHeaders.AUTHORIZATION) != null;
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"carepulse\""
          + (sent ? ", error=\"invalid_token\"" : ""));
    }
    ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPE)
        .end(problem.toJson(ctx.request().path()).encode());
  }

  /** A problem for a request that matched no route (404, 405), rendered the same way. */
  static void renderStatus(RoutingContext ctx) {
    render(ctx);
  }

  private static Problem problemOf(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    // The router reports a contract violation as an HTTP 400 whose cause is the validator's exception.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ValidatorException) {
        failure = cause;
        break;
      }
    }
    if (failure instanceof Problem.Failure known) {
      return known.problem();
    }
    String notJson = nonJsonBody(ctx);
    if (notJson != null && (failure instanceof ValidatorException || ctx.statusCode() == 400)) {
      // Every request body of the contract is JSON; the contract's validator refuses any other as a bad request.
      return Problem.unsupportedMediaType(notJson + " is not accepted; send application/json");
    }
    if (failure instanceof SchemaValidationException schema) {
      return schemaProblem(schema);
    }
    if (failure instanceof ValidatorException invalid) {
      return Problem.invalid(field(invalid.getMessage()), invalid.getMessage());
    }
    return switch (ctx.statusCode()) {
      case 400 -> Problem.invalid("request", failure == null ? "bad request" : failure.getMessage());
      case 401 -> Problem.unauthorized("send Authorization: Bearer <token>");
      // Vert.x's CorsHandler refuses an Origin off the list this way; other 403s are ours, with their own problem.
      case 403 -> RefusedOrigins.refused(ctx);
      case 404 -> Problem.notFound("no such resource: " + ctx.request().path());
      case 405 -> Problem.methodNotAllowed(ctx.request().method() + " is not allowed on " + ctx.request().path());
      case 415 -> Problem.unsupportedMediaType("send the body as application/json");
      case 413 -> new Problem(Problem.BASE + "too-large", "Request too large", 413, "the request body is too large",
          List.of());
      default -> Problem.internal();
    };
  }

  /** What the request's body is, when it has one that is not JSON; null otherwise. */
  private static String nonJsonBody(RoutingContext ctx) {
    String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    boolean hasBody = length != null ? !length.equals("0")
        : ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    if (!hasBody || media.equals("application/json") || media.endsWith("+json")) {
      return null;
    }
    return type == null ? "a body without Content-Type" : "Content-Type " + media;
  }

  private static Problem schemaProblem(SchemaValidationException e) {
    String message = e.getMessage();
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      return Problem.invalid(parameter.group(1) + "." + parameter.group(2), reason(e));
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    OutputUnit unit = e.getOutputUnit();
    collect(unit, errors);
    if (errors.isEmpty()) {
      errors.add(new Problem.FieldError("body", reason(e)));
    }
    // The validator reports a broken leaf and, above it, each container that therefore fails: deepest first.
    errors.sort(java.util.Comparator.comparingInt((Problem.FieldError error) -> depth(error.field())).reversed());
    Problem.FieldError first = errors.get(0);
    return new Problem(Problem.BASE + "invalid-request", "Invalid request", 400, first.field() + ": " + first.message(),
        errors);
  }

  private static void collect(OutputUnit unit, List<Problem.FieldError> into) {
    if (unit == null) {
      return;
    }
    List<OutputUnit> nested = unit.getErrors();
    if (nested != null && !nested.isEmpty()) {
      nested.forEach(child -> collect(child, into));
      return;
    }
    if (unit.getError() == null) {
      return;
    }
    String field = "body" + path(unit.getInstanceLocation());
    Matcher required = REQUIRED.matcher(unit.getError());
    if (required.find()) {
      field = field + "." + required.group(1);
    }
    Problem.FieldError error = new Problem.FieldError(field, unit.getError());
    if (!into.contains(error)) {
      into.add(error);
    }
  }

  /** "#/frames/0/seq" → ".frames[0].seq". */
  private static String path(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    String pointer = instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
    StringBuilder out = new StringBuilder();
    for (String segment : pointer.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      String name = segment.replace("~1", "/").replace("~0", "~");
      out.append(name.chars().allMatch(Character::isDigit) ? "[" + name + "]" : "." + name);
    }
    return out.toString();
  }

  private static int depth(String field) {
    return (int) field.chars().filter(c -> c == '.' || c == '[').count();
  }

  private static String reason(SchemaValidationException e) {
    OutputUnit unit = e.getOutputUnit();
    while (unit != null && unit.getErrors() != null && !unit.getErrors().isEmpty()) {
      unit = unit.getErrors().get(0);
    }
    return unit != null && unit.getError() != null ? unit.getError() : e.getMessage();
  }

  private static String field(String message) {
    Matcher parameter = PARAMETER.matcher(message == null ? "" : message);
    return parameter.find() ? parameter.group(1) + "." + parameter.group(2) : "request";
  }
}
