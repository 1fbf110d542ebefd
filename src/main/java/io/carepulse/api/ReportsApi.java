package io.carepulse.api;

import io.carepulse.store.CallFacts;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.ReportQuery;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** Calibration and leadership reports over the calls the caller may see. */
final class ReportsApi {

  private final CarePulseStore store;
  private final Clock clock;

  ReportsApi(CarePulseStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  void calibration(RoutingContext ctx) {
    Params params = Params.of(ctx);
    ReportQuery query = query(ctx, params, params.query("teamId"));
    store.callFacts(query)
        .onSuccess(facts -> Replies.json(ctx, 200, range(query).mergeIn(CalibrationReport.of(facts))))
        .onFailure(ctx::fail);
  }

  void uplift(RoutingContext ctx) {
    Params params = Params.of(ctx);
    ReportQuery query = query(ctx, params, params.query("teamId"));
    String experiment = params.query("experiment");
    store.callFacts(query)
        .onSuccess(facts -> Replies.json(ctx, 200, range(query).mergeIn(UpliftReport.of(facts, experiment))))
        .onFailure(ctx::fail);
  }

  void agents(RoutingContext ctx) {
    Params params = Params.of(ctx);
    ReportQuery query = query(ctx, params, params.query("teamId"));
    ReportBucket bucket = ReportBucket.fromWire(params.query("bucket"));
    store.callFacts(query)
        .onSuccess(facts -> Replies.json(ctx, 200, range(query).put("bucket", bucket == null ? null : bucket.wire())
            .put("agents", LeadershipReport.byAgent(facts, periods(bucket, query, facts)))))
        .onFailure(ctx::fail);
  }

  void teams(RoutingContext ctx) {
    Params params = Params.of(ctx);
    ReportQuery query = query(ctx, params, null);
    ReportBucket bucket = ReportBucket.fromWire(params.query("bucket"));
    store.callFacts(query)
        .onSuccess(facts -> Replies.json(ctx, 200, range(query).put("bucket", bucket == null ? null : bucket.wire())
            .put("teams", LeadershipReport.byTeam(facts, periods(bucket, query, facts)))))
        .onFailure(ctx::fail);
  }

  private LeadershipReport.Periods periods(ReportBucket bucket, ReportQuery query, java.util.List<CallFacts> facts) {
    return LeadershipReport.Periods.of(bucket, query.from(), query.to(), clock.instant(), facts);
  }

  /** The caller's scope, narrowed to one team when asked (a supervisor asking for another team sees nothing). */
  private static ReportQuery query(RoutingContext ctx, Params params, String team) {
    Caller caller = Caller.of(ctx);
    Instant from = params.queryInstant("from");
    Instant to = params.queryInstant("to");
    Set<String> teams = caller.teamScope();
    if (team != null) {
      teams = teams == null || teams.contains(team) ? Set.of(team) : Set.of();
    }
    return new ReportQuery(from, to, teams, caller.agentScope());
  }

  private static JsonObject range(ReportQuery query) {
    return new JsonObject().put("from", ApiJson.time(query.from())).put("to", ApiJson.time(query.to()));
  }
}
