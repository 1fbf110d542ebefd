package io.carepulse.api;

import io.carepulse.live.CallIngest;
import io.carepulse.store.CallCursor;
import io.carepulse.store.CallQuery;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CallState;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.PromptFeedbackRecord;
import io.carepulse.store.ScorePoint;
import io.carepulse.store.StoredFrame;
import io.carepulse.wire.CallContextJson;
import io.carepulse.wire.ServerMessages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Reading call history: the listing, one call, its timeline, transcript, prompts and whispers. */
final class CallsApi {

  /** Frames read from the store per round trip when exporting a call. */
  private static final int EXPORT_PAGE = 1_000;

  private final CarePulseStore store;
  private final CallIngest live;

  CallsApi(CarePulseStore store, CallIngest live) {
    this.store = store;
    this.live = live;
  }

  void list(RoutingContext ctx) {
    Params params = Params.of(ctx);
    Caller caller = Caller.of(ctx);
    CallCursor after = null;
    String cursor = params.query("cursor");
    if (cursor != null) {
      try {
        after = CallCursor.decode(cursor);
      } catch (IllegalArgumentException e) {
        throw Problem.invalid("query.cursor", e.getMessage()).asFailure();
      }
    }
    String agentFilter = params.query("agentId");
    String agentScope = caller.agentScope();
    if (agentScope != null && agentFilter != null && !agentFilter.equals(agentScope)) {
      Replies.json(ctx, 200, new JsonObject().put("items", new JsonArray()).putNull("next"));
      return;
    }
    String state = params.query("state");
    CallQuery query = new CallQuery(state == null ? null : CallState.fromWire(state).orElseThrow(),
        agentScope != null ? agentScope : agentFilter, params.query("teamId"), caller.teamScope(),
        params.queryInstant("from"), params.queryInstant("to"), params.queryInt("minScore"),
        params.queryInt("maxScore"), after, params.queryInt("limit", 50));
    store.calls(query).onSuccess(page -> {
      JsonArray items = new JsonArray();
      page.items().forEach(call -> items.add(ApiJson.callSummary(call)));
      Replies.json(ctx, 200, new JsonObject().put("items", items)
          .put("next", page.next() == null ? null : page.next().encode()));
    }).onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    String callId = Params.of(ctx).path("callId");
    readable(ctx, callId).compose(call -> Future.all(store.alerts(callId), store.kudos(callId), store.outcomes(callId),
            latestScores(call), liveState(call))
        .map(all -> {
          JsonObject json = ApiJson.callSummary(call);
          json.put("summary", ApiJson.summary(call.summary()));
          List<ScorePoint> points = all.resultAt(3);
          JsonObject parts = call.summary() != null ? ServerMessages.parts(call.summary().parts())
              : points.isEmpty() ? null : ServerMessages.parts(points.get(points.size() - 1).parts());
          json.put("parts", parts);
          JsonArray alerts = new JsonArray();
          all.<List<io.carepulse.store.AlertRecord>>resultAt(0).forEach(a -> alerts.add(ApiJson.alert(a)));
          JsonArray kudos = new JsonArray();
          all.<List<io.carepulse.store.KudosRecord>>resultAt(1).forEach(k -> kudos.add(ApiJson.kudos(k)));
          List<io.carepulse.store.OutcomeRecord> outcomes = all.resultAt(2);
          json.put("live", all.<JsonObject>resultAt(4));
          return json.put("alerts", alerts).put("kudos", kudos)
              .put("outcome", outcomes.isEmpty() ? null : ApiJson.outcome(outcomes.get(outcomes.size() - 1)));
        }))
        .onSuccess(json -> Replies.json(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  /** A live call's state now, from the node that owns it (any node of a cluster asks it); null once ended. */
  private Future<JsonObject> liveState(CallRecord call) {
    return call.state() == CallState.LIVE ? live.liveState(call.callId()) : Future.succeededFuture();
  }

  /** The score points near the end of a live call, of which the last carries its current parts. */
  private Future<List<ScorePoint>> latestScores(CallRecord call) {
    return call.summary() != null ? Future.succeededFuture(List.of())
        : store.scores(call.callId(), Math.max(0, call.lastSeq() - 200), 201);
  }

  void timeline(RoutingContext ctx) {
    Params params = Params.of(ctx);
    String callId = params.path("callId");
    long afterSeq = params.queryLong("afterSeq") == null ? 0 : params.queryLong("afterSeq");
    int limit = params.queryInt("limit", 500);
    readable(ctx, callId).compose(call -> store.scores(callId, afterSeq, limit + 1))
        .onSuccess(points -> {
          JsonArray out = new JsonArray();
          points.stream().limit(limit).forEach(point -> out.add(ApiJson.scorePoint(point)));
          Long next = points.size() > limit ? points.get(limit - 1).seq() : null;
          Replies.json(ctx, 200, new JsonObject().put("callId", callId).put("points", out).put("nextAfterSeq", next));
        })
        .onFailure(ctx::fail);
  }

  /** Utterances only; other frames are skipped, so a page may hold fewer than {@code limit} lines. */
  void transcript(RoutingContext ctx) {
    Params params = Params.of(ctx);
    String callId = params.path("callId");
    long afterSeq = params.queryLong("afterSeq") == null ? 0 : params.queryLong("afterSeq");
    int limit = params.queryInt("limit", 500);
    readable(ctx, callId).compose(call -> store.frames(callId, afterSeq, limit + 1))
        .onSuccess(frames -> {
          JsonArray lines = new JsonArray();
          frames.stream().limit(limit).filter(f -> f.type().equals("utterance")).forEach(f -> lines.add(line(f)));
          Long next = frames.size() > limit ? frames.get(limit - 1).seq() : null;
          Replies.json(ctx, 200, new JsonObject().put("callId", callId).put("utterances", lines)
              .put("nextAfterSeq", next));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The call as a replay file (docs/protocol.md "Replay files"): its {@code call.context} line when history kept one,
   * then every stored client frame in seq order, one JSON object a line, written page by page as the client reads.
   */
  void frames(RoutingContext ctx) {
    String callId = Params.of(ctx).path("callId");
    readable(ctx, callId).onSuccess(call -> {
      HttpServerResponse response = ctx.response().setStatusCode(200).setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
      Future<Void> head = call.context() == null ? Future.succeededFuture()
          : response.write(CallContextJson.line(callId, call.context()).encode() + "\n");
      head.compose(v -> writeFrames(response, callId, 0))
          .onSuccess(v -> response.end())
          // Headers are out: a failure mid-stream can only cut the body short, which the missing last seq shows.
          .onFailure(e -> response.reset());
    }).onFailure(ctx::fail);
  }

  private Future<Void> writeFrames(HttpServerResponse response, String callId, long afterSeq) {
    return store.frames(callId, afterSeq, EXPORT_PAGE).compose(page -> {
      if (page.isEmpty()) {
        return Future.succeededFuture();
      }
      StringBuilder lines = new StringBuilder();
      page.forEach(frame -> lines.append(frame.json()).append('\n'));
      Future<Void> written = response.write(lines.toString());
      return page.size() < EXPORT_PAGE ? written
          : written.compose(v -> writeFrames(response, callId, page.get(page.size() - 1).seq()));
    });
  }

  private static JsonObject line(StoredFrame frame) {
    JsonObject utterance = frame.frame();
    return new JsonObject()
        .put("seq", frame.seq())
        .put("speaker", utterance.getString("speaker"))
        .put("text", utterance.getString("text"))
        .put("final", utterance.getBoolean("final"))
        .put("startMs", utterance.getLong("startMs"))
        .put("endMs", utterance.getLong("endMs"))
        .put("utteranceId", utterance.getString("utteranceId"))
        .put("at", ApiJson.time(frame.appliedAt()));
  }

  void prompts(RoutingContext ctx) {
    String callId = Params.of(ctx).path("callId");
    readable(ctx, callId).compose(call -> Future.all(store.prompts(callId), store.promptFeedback(callId)))
        .onSuccess(all -> {
          List<io.carepulse.store.PromptRecord> prompts = all.resultAt(0);
          List<PromptFeedbackRecord> feedback = all.resultAt(1);
          JsonArray out = new JsonArray();
          for (io.carepulse.store.PromptRecord prompt : prompts) {
            JsonArray given = new JsonArray();
            feedback.stream().filter(f -> f.promptId().equals(prompt.promptId())).forEach(f -> given.add(
                new JsonObject().put("action", f.action().wire()).put("seq", f.seq()).put("at", ApiJson.time(f.at()))));
            out.add(new JsonObject()
                .put("promptId", prompt.promptId())
                .put("kind", prompt.kind().wire())
                .put("text", prompt.text())
                .put("priority", prompt.priority())
                .put("seq", prompt.seq())
                .put("at", ApiJson.time(prompt.at()))
                .put("also", ServerMessages.kinds(prompt.also()))
                .put("feedback", given));
          }
          Replies.json(ctx, 200, new JsonObject().put("callId", callId).put("prompts", out));
        })
        .onFailure(ctx::fail);
  }

  void whispers(RoutingContext ctx) {
    String callId = Params.of(ctx).path("callId");
    readable(ctx, callId).compose(call -> store.whispers(callId))
        .onSuccess(whispers -> {
          JsonArray out = new JsonArray();
          whispers.forEach(w -> out.add(new JsonObject().put("from", w.from()).put("text", w.text())
              .put("outcome", w.outcome().name().toLowerCase(java.util.Locale.ROOT)).put("at", ApiJson.time(w.at()))));
          Replies.json(ctx, 200, new JsonObject().put("callId", callId).put("whispers", out));
        })
        .onFailure(ctx::fail);
  }

  /**
   * The call, when it exists and the caller may read it; else a failed future with 404 — the same answer for a call
   * outside the caller's scope as for none at all, so ids of other teams' calls cannot be probed. A call of the
   * caller's that the in-memory store evicted says so, so a client does not take it for a wrong id.
   */
  Future<CallRecord> readable(RoutingContext ctx, String callId) {
    Caller caller = Caller.of(ctx);
    return store.call(callId).compose(found -> found.isPresent() && caller.mayRead(found.get())
        ? Future.succeededFuture(found.get())
        : found.isPresent() ? Future.failedFuture(Problem.notFound("no call " + callId).asFailure())
        : store.evicted(callId).compose(evicted -> Future.failedFuture(evicted
            .filter(gone -> caller.mayReadCallOf(gone.agentId(), gone.teamId()))
            .map(gone -> Problem.callEvicted("call " + callId + " ended"
                + (gone.endedAt() == null ? "" : " at " + ApiJson.time(gone.endedAt()))
                + "; its history was evicted from the in-memory store, which keeps the newest ended calls within its"
                + " memory bound (CAREPULSE_HISTORY_MEMORY_MB); configure PostgreSQL (CAREPULSE_PG_URL) to keep all"
                + " history"))
            .orElseGet(() -> Problem.notFound("no call " + callId)).asFailure())));
  }
}
