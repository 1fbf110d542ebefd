package io.carepulse.tools.simulate;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code simulate --outcomes}: after the calls end, posts a survey result for each through the REST API
 * ({@code POST /v1/calls/{callId}/outcome}), as a post-call survey system would, so that the leader view's
 * calibration chart has something to show. The CSAT is plausible, not real: the script's own when it names one,
 * otherwise derived from the call's score with the scatter real surveys have ({@link #plausibleCsat}).
 */
final class SurveyResults {

  /** The history store writes ended calls asynchronously: an outcome posted at once may find no call yet. */
  private static final int ATTEMPTS = 20;
  private static final long RETRY_MS = 250;

  /** One posted outcome: the HTTP status (201 recorded, 200 already there), or a problem in words. */
  record Posted(String callId, int csat, int status, String problem) {
    boolean ok() {
      return status == 200 || status == 201;
    }
  }

  private final Vertx vertx;
  /** Held in a field, like every client here (STACK.md P2). */
  private final WebClient client;
  private final String apiBase;
  private final String token;

  SurveyResults(Vertx vertx, String apiBase, String token) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.apiBase = apiBase;
    this.token = token;
  }

  /** 1 at a call score of 30 or less, 5 from 75, linear between; a third of the calls one step either way. */
  static int plausibleCsat(String callId, int callScore, Integer scripted) {
    if (scripted != null) {
      return scripted;
    }
    long base = Math.round(1 + 4 * (callScore - 30) / 45.0);
    int nudge = switch (Math.floorMod(callId.hashCode(), 6)) {
      case 0 -> -1;
      case 1 -> 1;
      default -> 0;
    };
    return (int) Math.max(1, Math.min(5, base + nudge));
  }

  Future<List<Posted>> post(List<CallOutcome> outcomes, List<ReplayScript> scripts) {
    List<Future<Posted>> posts = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      CallOutcome outcome = outcomes.get(i);
      if (!outcome.completed() || outcome.lastCallScore() < 0) {
        continue;
      }
      int csat = plausibleCsat(outcome.callId(), outcome.lastCallScore(), scripts.get(i).scriptedCsat());
      posts.add(post(outcome.callId(), csat));
    }
    return Future.all(posts).map(all -> posts.stream().map(Future::result).toList());
  }

  private Future<Posted> post(String callId, int csat) {
    JsonObject body = new JsonObject().put("csat", csat).put("resolved", csat >= 4).put("source", "simulate");
    Promise<Posted> done = Promise.promise();
    attempt(callId, csat, body, 1, done);
    return done.future();
  }

  private void attempt(String callId, int csat, JsonObject body, int attempt, Promise<Posted> done) {
    client.postAbs(apiBase + "/v1/calls/" + callId + "/outcome")
        .putHeader("Authorization", "Bearer " + token)
        .putHeader("Idempotency-Key", callId)
        .sendJsonObject(body)
        .onSuccess(response -> {
          if (response.statusCode() == 404 && attempt < ATTEMPTS) {
            vertx.setTimer(RETRY_MS, id -> attempt(callId, csat, body, attempt + 1, done));
          } else {
            done.complete(new Posted(callId, csat, response.statusCode(), problem(response)));
          }
        })
        .onFailure(e -> done.complete(new Posted(callId, csat, 0, e.getMessage())));
  }

  private static String problem(HttpResponse<Buffer> response) {
    if (response.statusCode() < 300) {
      return null;
    }
    try {
      JsonObject problem = response.bodyAsJsonObject();
      return response.statusCode() + " " + problem.getString("title", "") + ": " + problem.getString("detail", "");
    } catch (RuntimeException e) {
      return "HTTP " + response.statusCode();
    }
  }

  Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
