package io.carepulse.api;

import io.carepulse.playbook.PlaybookDocument;
import io.carepulse.playbook.PlaybookSettings;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.Playbook;
import io.carepulse.store.VersionConflict;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code GET/PUT /v1/teams/{teamId}/playbook}: versioned with an ETag, optimistic writes with If-Match. */
final class PlaybooksApi {

  private static final Pattern ETAG = Pattern.compile("\"v(\\d{1,18})\"");

  private final Vertx vertx;
  private final CarePulseStore store;
  private final PlaybookSettings settings;

  PlaybooksApi(Vertx vertx, CarePulseStore store, PlaybookSettings settings) {
    this.vertx = vertx;
    this.store = store;
    this.settings = settings;
  }

  void get(RoutingContext ctx) {
    String teamId = Params.of(ctx).path("teamId");
    mayLead(ctx, teamId);
    store.playbook(teamId)
        .onSuccess(found -> reply(ctx, teamId, found.orElse(null)))
        .onFailure(ctx::fail);
  }

  void put(RoutingContext ctx) {
    Params params = Params.of(ctx);
    String teamId = params.path("teamId");
    mayLead(ctx, teamId);
    String ifMatch = ctx.request().getHeader(HttpHeaders.IF_MATCH);
    if (ifMatch == null) {
      throw Problem.preconditionRequired("send If-Match with the ETag of the playbook you read (\"v0\" for none)")
          .asFailure();
    }
    Matcher tag = ETAG.matcher(ifMatch.trim());
    long expected = tag.matches() ? Long.parseLong(tag.group(1)) : -1;
    JsonObject chosen = params.body();
    try {
      JsonObject effective = PlaybookDocument.effective(chosen);
      PlaybookDocument.policy(effective);
      PlaybookDocument.alerts(effective);
      PlaybookDocument.holdout(effective);
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("body", e.getMessage()).asFailure();
    }
    store.savePlaybook(teamId, chosen, expected, Caller.of(ctx).id(), Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .onSuccess(saved -> {
          settings.apply(saved);
          vertx.eventBus().publish(PlaybookSettings.CHANGED_ADDRESS, new JsonObject().put("teamId", teamId)
              .put("version", saved.version()).put("playbook", PlaybookDocument.effective(saved.document())));
          reply(ctx, teamId, saved);
        })
        .onFailure(e -> ctx.fail(e instanceof VersionConflict conflict
            ? Problem.preconditionFailed("the playbook is at \"v" + conflict.currentVersion() + "\", not " + ifMatch
                + "; read it again and reapply your change").asFailure()
            : e));
  }

  private static void mayLead(RoutingContext ctx, String teamId) {
    if (!Caller.of(ctx).leadsTeam(teamId)) {
      throw Problem.forbidden("team " + teamId + " is not yours to coach").asFailure();
    }
  }

  private static void reply(RoutingContext ctx, String teamId, Playbook playbook) {
    long version = playbook == null ? 0 : playbook.version();
    JsonObject body = new JsonObject()
        .put("teamId", teamId)
        .put("version", version)
        .put("updatedAt", playbook == null ? null : ApiJson.time(playbook.updatedAt()))
        .put("updatedBy", playbook == null ? null : playbook.updatedBy())
        .put("playbook", PlaybookDocument.effective(playbook == null ? new JsonObject() : playbook.document()));
    ctx.response().putHeader(HttpHeaders.ETAG, "\"v" + version + "\"");
    Replies.json(ctx, 200, body);
  }
}
