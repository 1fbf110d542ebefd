package io.carepulse.store.pg;

import io.carepulse.coach.PromptKind;
import io.carepulse.protocol.PromptFeedback;
import io.carepulse.protocol.WhisperOutcome;
import io.carepulse.score.Trend;
import io.carepulse.store.AlertRecord;
import io.carepulse.store.BatchRefused;
import io.carepulse.store.QuarantinedEntry;
import io.carepulse.store.CallCursor;
import io.carepulse.store.CallEnding;
import io.carepulse.store.CallFacts;
import io.carepulse.store.CallQuery;
import io.carepulse.store.CallRecord;
import io.carepulse.store.CallState;
import io.carepulse.store.CarePulseStore;
import io.carepulse.store.JournalBatch;
import io.carepulse.store.KudosRecord;
import io.carepulse.store.OutcomeRecord;
import io.carepulse.store.OutcomeSaved;
import io.carepulse.store.Page;
import io.carepulse.store.Playbook;
import io.carepulse.store.PromptFeedbackRecord;
import io.carepulse.store.PromptRecord;
import io.carepulse.store.ReportQuery;
import io.carepulse.store.ScorePoint;
import io.carepulse.store.StoredFrame;
import io.carepulse.store.VersionConflict;
import io.carepulse.store.WebhookDelivery;
import io.carepulse.store.WebhookSubscription;
import io.carepulse.store.WhisperRecord;
import io.carepulse.wire.CallContextJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The durable {@link CarePulseStore}: PostgreSQL through vertx-pg-client, never blocking. The journal's batches go in
 * as one transaction of a few multi-row {@code unnest} statements (see {@link SqlQueries}); everything else is one
 * statement per call. Run {@link Migrations} before first use.
 */
public final class PgStore implements CarePulseStore {

  /** Transcript purge slice; see {@link SqlQueries#DELETE_TRANSCRIPT_SLICE}. */
  private static final int PURGE_SLICE = 10_000;

  private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "55", "57", "58", "XX");

  private final Pool pool;
  private final Pool journal;

  /** Everything through one pool. */
  public PgStore(Pool pool) {
    this(pool, pool);
  }

  /**
   * The journal's writes through a pool of their own: acks wait on them, and a burst of reads (a thousand agents
   * reconnecting, each call looked up in history; a report) must not queue ahead of them: a batch that waits past
   * the pool's 5 s for a connection fails, and the journal then holds every ack as if the database were down.
   */
  public PgStore(Pool pool, Pool journal) {
    this.pool = pool;
    this.journal = journal;
  }

  /** A pool for {@code url} (postgresql://user[:password]@host:port/db[?search_path=schema]). */
  public static Pool pool(Vertx vertx, String url, int size) {
    return pool(vertx, url, size, "carepulse-history");
  }

  /** The same, named (the name shows in the pool's metrics). */
  public static Pool pool(Vertx vertx, String url, int size, String name) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url);
    // Give up fast on a dead database: the journal retries (its writes are idempotent) and the live path never waits.
    NetClientOptions net = new NetClientOptions().setConnectTimeout(2_000);
    PoolOptions options = new PoolOptions().setMaxSize(size).setName(name).setShared(false)
        .setMaxWaitQueueSize(1_000).setConnectionTimeout(5).setIdleTimeout(60);
    return PgBuilder.pool().with(options).with(net).connectingTo(connect).using(vertx).build();
  }

  public Pool pool() {
    return pool;
  }

  public Future<Void> close() {
    return journal == pool ? pool.close() : Future.join(pool.close(), journal.close()).mapEmpty();
  }

  // ---- call history

  @Override
  public Future<Void> write(JournalBatch batch) {
    if (batch.isEmpty()) {
      return Future.succeededFuture();
    }
    return journal.<Void>withTransaction(conn -> {
      Future<?> done = Future.succeededFuture();
      if (!batch.started().isEmpty()) {
        done = done.compose(v -> insertCalls(conn, batch.started()));
      }
      if (!batch.frames().isEmpty()) {
        done = done.compose(v -> insertFrames(conn, batch.frames()));
      }
      if (!batch.scores().isEmpty()) {
        done = done.compose(v -> insertScores(conn, batch.scores()));
      }
      if (!batch.prompts().isEmpty()) {
        done = done.compose(v -> insertPrompts(conn, batch.prompts()));
      }
      if (!batch.feedback().isEmpty()) {
        done = done.compose(v -> insertFeedback(conn, batch.feedback()));
      }
      if (!batch.whispers().isEmpty()) {
        done = done.compose(v -> insertWhispers(conn, batch.whispers()));
      }
      if (!batch.ended().isEmpty()) {
        done = done.compose(v -> endCalls(conn, batch.ended()));
      }
      return done.mapEmpty();
    }).recover(failure -> Future.failedFuture(refusedOrOutage(failure)));
  }

  /**
   * A {@link BatchRefused} when PostgreSQL refused the data itself, so that retrying would fail again; the failure
   * as it is when the connection or the server's state is to blame (those pass). Transient SQLSTATE classes: 08
   * connection, 40 rollback (serialization, deadlock), 53 resources, 55 object state (locks), 57 operator
   * intervention (shutdown, cancel), 58 system, XX internal.
   */
  static Throwable refusedOrOutage(Throwable failure) {
    if (failure instanceof PgException pg && pg.getSqlState() != null && pg.getSqlState().length() == 5) {
      String sqlClass = pg.getSqlState().substring(0, 2);
      if (!TRANSIENT_CLASSES.contains(sqlClass)) {
        return new BatchRefused(pg.getSqlState(), pg.getSqlState() + " " + pg.getErrorMessage(), pg);
      }
    }
    return failure;
  }

  @Override
  public Future<Void> quarantine(QuarantinedEntry entry) {
    return journal.preparedQuery(SqlQueries.QUARANTINE).execute(tuple(entry.entryId(), entry.callId(), entry.seq(),
        entry.kind(), entry.content(), entry.reason(), at(entry.at()))).mapEmpty();
  }

  @Override
  public Future<List<QuarantinedEntry>> quarantined(int limit) {
    return all(SqlQueries.QUARANTINED, Tuple.of(limit), row -> new QuarantinedEntry(row.getString("entry_id"),
        row.getString("call_id"), row.getLong("seq"), row.getString("kind"), row.getString("content"),
        row.getString("reason"), instant(row, "at")));
  }

  private Future<?> insertCalls(SqlConnection conn, List<CallRecord> calls) {
    int n = calls.size();
    String[] ids = new String[n];
    String[] agents = new String[n];
    String[] teams = new String[n];
    String[] customerIds = new String[n];
    String[] customerNames = new String[n];
    String[] locales = new String[n];
    OffsetDateTime[] started = new OffsetDateTime[n];
    String[] contexts = new String[n];
    for (int i = 0; i < n; i++) {
      CallRecord call = calls.get(i);
      contexts[i] = call.context() == null ? null : CallContextJson.encode(call.context()).encode();
      ids[i] = call.callId();
      agents[i] = call.agentId();
      teams[i] = call.teamId();
      customerIds[i] = call.customerId();
      customerNames[i] = call.customerName();
      locales[i] = call.locale();
      started[i] = at(call.startedAt());
    }
    return conn.preparedQuery(SqlQueries.INSERT_CALLS)
        .execute(tuple(ids, agents, teams, customerIds, customerNames, locales, started, contexts));
  }

  private Future<?> insertFrames(SqlConnection conn, List<StoredFrame> frames) {
    int n = frames.size();
    String[] ids = new String[n];
    Long[] seqs = new Long[n];
    String[] types = new String[n];
    OffsetDateTime[] applied = new OffsetDateTime[n];
    String[] json = new String[n];
    Map<String, Long> highest = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      StoredFrame frame = frames.get(i);
      ids[i] = frame.callId();
      seqs[i] = frame.seq();
      types[i] = frame.type();
      applied[i] = at(frame.appliedAt());
      json[i] = frame.json();
      highest.merge(frame.callId(), frame.seq(), Math::max);
    }
    return conn.preparedQuery(SqlQueries.INSERT_FRAMES).execute(tuple(ids, seqs, types, applied, json))
        .compose(v -> conn.preparedQuery(SqlQueries.ADVANCE_LAST_SEQ)
            .execute(tuple(highest.keySet().toArray(String[]::new), highest.values().toArray(Long[]::new))));
  }

  private Future<?> insertScores(SqlConnection conn, List<ScorePoint> points) {
    int n = points.size();
    String[] ids = new String[n];
    Long[] seqs = new Long[n];
    Long[] callTimes = new Long[n];
    Integer[] scores = new Integer[n];
    Integer[] callScores = new Integer[n];
    String[] parts = new String[n];
    String[] trends = new String[n];
    String[] reasons = new String[n];
    String[] customers = new String[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    Map<String, ScorePoint> latest = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      ScorePoint point = points.get(i);
      ids[i] = point.callId();
      seqs[i] = point.seq();
      callTimes[i] = point.callTimeMs();
      scores[i] = point.score();
      callScores[i] = point.callScore();
      parts[i] = HistoryJson.parts(point.parts()).encode();
      trends[i] = wire(point.trend());
      reasons[i] = HistoryJson.reasons(point.reasons()).encode();
      ats[i] = at(point.at());
      customers[i] = point.customer() == null ? null
          : io.carepulse.wire.ServerMessages.customerTurn(point.customer()).encode();
      latest.merge(point.callId(), point, (a, b) -> b.seq() >= a.seq() ? b : a);
    }
    int m = latest.size();
    String[] latestIds = new String[m];
    Long[] latestSeqs = new Long[m];
    Integer[] latestScores = new Integer[m];
    Integer[] latestCallScores = new Integer[m];
    int i = 0;
    for (ScorePoint point : latest.values()) {
      latestIds[i] = point.callId();
      latestSeqs[i] = point.seq();
      latestScores[i] = point.score();
      latestCallScores[i] = point.callScore();
      i++;
    }
    return conn.preparedQuery(SqlQueries.INSERT_SCORES)
        .execute(tuple(ids, seqs, callTimes, scores, callScores, parts, trends, reasons, ats, customers))
        .compose(v -> conn.preparedQuery(SqlQueries.FOLLOW_LATEST_SCORE)
            .execute(tuple(latestIds, latestSeqs, latestScores, latestCallScores)));
  }

  private Future<?> insertPrompts(SqlConnection conn, List<PromptRecord> prompts) {
    int n = prompts.size();
    String[] ids = new String[n];
    String[] promptIds = new String[n];
    String[] kinds = new String[n];
    String[] texts = new String[n];
    Integer[] priorities = new Integer[n];
    Long[] seqs = new Long[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    String[] also = new String[n];
    for (int i = 0; i < n; i++) {
      PromptRecord prompt = prompts.get(i);
      ids[i] = prompt.callId();
      promptIds[i] = prompt.promptId();
      kinds[i] = prompt.kind().wire();
      texts[i] = prompt.text();
      priorities[i] = prompt.priority();
      seqs[i] = prompt.seq();
      ats[i] = at(prompt.at());
      also[i] = prompt.also().isEmpty() ? null
          : prompt.also().stream().map(PromptKind::wire).collect(Collectors.joining(","));
    }
    return conn.preparedQuery(SqlQueries.INSERT_PROMPTS)
        .execute(tuple(ids, promptIds, kinds, texts, priorities, seqs, ats, also));
  }

  private Future<?> insertFeedback(SqlConnection conn, List<PromptFeedbackRecord> feedback) {
    int n = feedback.size();
    String[] ids = new String[n];
    Long[] seqs = new Long[n];
    String[] promptIds = new String[n];
    String[] actions = new String[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      PromptFeedbackRecord given = feedback.get(i);
      ids[i] = given.callId();
      seqs[i] = given.seq();
      promptIds[i] = given.promptId();
      actions[i] = given.action().wire();
      ats[i] = at(given.at());
    }
    return conn.preparedQuery(SqlQueries.INSERT_FEEDBACK).execute(tuple(ids, seqs, promptIds, actions, ats));
  }

  private Future<?> insertWhispers(SqlConnection conn, List<WhisperRecord> whispers) {
    int n = whispers.size();
    String[] ids = new String[n];
    String[] from = new String[n];
    String[] texts = new String[n];
    String[] outcomes = new String[n];
    OffsetDateTime[] ats = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      WhisperRecord whisper = whispers.get(i);
      ids[i] = whisper.callId();
      from[i] = whisper.from();
      texts[i] = whisper.text();
      outcomes[i] = wire(whisper.outcome());
      ats[i] = at(whisper.at());
    }
    return conn.preparedQuery(SqlQueries.INSERT_WHISPERS).execute(tuple(ids, from, texts, outcomes, ats));
  }

  private Future<?> endCalls(SqlConnection conn, List<CallEnding> endings) {
    int n = endings.size();
    String[] ids = new String[n];
    String[] reasons = new String[n];
    Long[] lastSeqs = new Long[n];
    Integer[] scores = new Integer[n];
    Integer[] callScores = new Integer[n];
    String[] summaries = new String[n];
    OffsetDateTime[] ended = new OffsetDateTime[n];
    for (int i = 0; i < n; i++) {
      CallEnding ending = endings.get(i);
      ids[i] = ending.callId();
      reasons[i] = ending.reason();
      lastSeqs[i] = ending.lastSeq();
      scores[i] = ending.summary().score();
      callScores[i] = ending.summary().callScore();
      summaries[i] = HistoryJson.summary(ending.summary()).encode();
      ended[i] = at(ending.endedAt());
    }
    return conn.preparedQuery(SqlQueries.END_CALLS)
        .execute(tuple(ids, reasons, lastSeqs, scores, callScores, summaries, ended));
  }

  @Override
  public Future<Optional<CallRecord>> call(String callId) {
    return first(SqlQueries.CALL, Tuple.of(callId), PgStore::callRecord);
  }

  @Override
  public Future<Page<CallRecord, CallCursor>> calls(CallQuery query) {
    CallCursor after = query.after();
    Tuple params = tuple(
        query.state() == null ? null : query.state().wire(),
        query.agentId(),
        query.teamId(),
        query.teamsIn() == null ? null : query.teamsIn().toArray(String[]::new),
        at(query.from()),
        at(query.to()),
        query.minScore(),
        query.maxScore(),
        after == null ? null : at(after.startedAt()),
        after == null ? null : after.callId(),
        query.limit() + 1);
    return all(SqlQueries.LIST_CALLS, params, PgStore::callRecord).map(rows -> {
      List<CallRecord> page = rows.subList(0, Math.min(query.limit(), rows.size()));
      return new Page<>(page, rows.size() > query.limit() ? CallCursor.after(page.get(page.size() - 1)) : null);
    });
  }

  @Override
  public Future<List<CallRecord>> liveCalls() {
    return all(SqlQueries.LIVE_CALLS, Tuple.tuple(), PgStore::callRecord);
  }

  @Override
  public Future<List<StoredFrame>> frames(String callId, long afterSeq, int limit) {
    return all(SqlQueries.FRAMES, Tuple.of(callId, afterSeq, limit), row -> new StoredFrame(row.getString("call_id"),
        row.getLong("seq"), row.getString("type"), instant(row, "applied_at"), (JsonObject) row.getValue("frame")));
  }

  @Override
  public Future<List<ScorePoint>> scores(String callId, long afterSeq, int limit) {
    return all(SqlQueries.SCORES, Tuple.of(callId, afterSeq, limit), row -> new ScorePoint(row.getString("call_id"),
        row.getLong("seq"), row.getLong("call_time_ms"), row.getInteger("score"), row.getInteger("call_score"),
        HistoryJson.parts((JsonObject) row.getValue("parts")), constant(Trend.class, row.getString("trend")),
        HistoryJson.reasons((JsonArray) row.getValue("reasons")), instant(row, "at"),
        customerTurn((JsonObject) row.getValue("customer"))));
  }

  private static io.carepulse.score.ScoreUpdate.CustomerTurn customerTurn(JsonObject json) {
    return json == null ? null : new io.carepulse.score.ScoreUpdate.CustomerTurn(json.getString("frame"),
        json.getDouble("valence"), json.getDouble("arousal"));
  }

  @Override
  public Future<List<PromptRecord>> prompts(String callId) {
    return all(SqlQueries.PROMPTS, Tuple.of(callId), row -> new PromptRecord(row.getString("call_id"),
        row.getString("prompt_id"), PromptKind.fromWire(row.getString("kind")), row.getString("text"),
        row.getInteger("priority"), row.getLong("seq"), instant(row, "at"), kinds(row.getString("also"))));
  }

  @Override
  public Future<List<PromptFeedbackRecord>> promptFeedback(String callId) {
    return all(SqlQueries.FEEDBACK, Tuple.of(callId), row -> new PromptFeedbackRecord(row.getString("call_id"),
        row.getString("prompt_id"), PromptFeedback.Action.fromWire(row.getString("action")), row.getLong("seq"),
        instant(row, "at")));
  }

  @Override
  public Future<List<WhisperRecord>> whispers(String callId) {
    return all(SqlQueries.WHISPERS, Tuple.of(callId), row -> new WhisperRecord(row.getString("call_id"),
        row.getString("from_user"), row.getString("text"), constant(WhisperOutcome.class, row.getString("outcome")),
        instant(row, "at")));
  }

  // ---- the supervisor feed's view of calls

  @Override
  public Future<Void> alertRaised(AlertRecord alert) {
    return pool.preparedQuery(SqlQueries.RAISE_ALERT).execute(tuple(alert.alertId(), alert.callId(), alert.agentId(),
        alert.teamId(), alert.kind(), alert.severity(), alert.message(), alert.seq(), alert.callTimeMs(),
        at(alert.raisedAt()), at(alert.clearedAt()))).mapEmpty();
  }

  @Override
  public Future<Void> alertCleared(String alertId, Instant at) {
    return pool.preparedQuery(SqlQueries.CLEAR_ALERT).execute(Tuple.of(alertId, at(at))).mapEmpty();
  }

  @Override
  public Future<List<AlertRecord>> alerts(String callId) {
    return all(SqlQueries.ALERTS, Tuple.of(callId), row -> new AlertRecord(row.getString("alert_id"),
        row.getString("call_id"), row.getString("agent_id"), row.getString("team_id"), row.getString("kind"),
        row.getString("severity"), row.getString("message"), row.getLong("seq"), row.getLong("call_time_ms"),
        instant(row, "raised_at"), instant(row, "cleared_at")));
  }

  @Override
  public Future<Void> kudosAwarded(KudosRecord kudos) {
    return pool.preparedQuery(SqlQueries.AWARD_KUDOS).execute(tuple(kudos.kudosId(), kudos.callId(), kudos.agentId(),
        kudos.teamId(), kudos.reason(), kudos.message(), kudos.score(), kudos.callScore(), kudos.minScore(),
        at(kudos.at()))).mapEmpty();
  }

  @Override
  public Future<List<KudosRecord>> kudos(String callId) {
    return all(SqlQueries.KUDOS, Tuple.of(callId), row -> new KudosRecord(row.getString("kudos_id"),
        row.getString("call_id"), row.getString("agent_id"), row.getString("team_id"), row.getString("reason"),
        row.getString("message"), row.getInteger("score"), row.getInteger("call_score"), row.getInteger("min_score"),
        instant(row, "at")));
  }

  // ---- outcomes and reports

  @Override
  public Future<OutcomeSaved> saveOutcome(OutcomeRecord outcome) {
    Tuple params = tuple(outcome.outcomeId(), outcome.callId(), outcome.csat(), outcome.nps(), outcome.resolved(),
        outcome.source(), outcome.idempotencyKey(), at(outcome.receivedAt()));
    return pool.preparedQuery(SqlQueries.SAVE_OUTCOME).execute(params).compose(inserted -> {
      if (inserted.rowCount() > 0) {
        return Future.succeededFuture(new OutcomeSaved(outcome, true));
      }
      return first(SqlQueries.OUTCOME_BY_KEY, Tuple.of(outcome.callId(), outcome.idempotencyKey()), PgStore::outcome)
          .compose(existing -> existing
              .map(found -> Future.succeededFuture(new OutcomeSaved(found, false)))
              .orElseGet(() -> Future.failedFuture(new IllegalArgumentException("no call " + outcome.callId()))));
    });
  }

  @Override
  public Future<List<OutcomeRecord>> outcomes(String callId) {
    return all(SqlQueries.OUTCOMES, Tuple.of(callId), PgStore::outcome);
  }

  @Override
  public Future<List<CallFacts>> callFacts(ReportQuery query) {
    Tuple params = tuple(at(query.from()), at(query.to()),
        query.teamsIn() == null ? null : query.teamsIn().toArray(String[]::new), query.agentId());
    return all(SqlQueries.CALL_FACTS, params, row -> new CallFacts(callRecord(row), row.getLong("prompts").intValue(),
        row.getLong("helpful").intValue(), row.getLong("unhelpful").intValue(), row.getLong("dismissed").intValue(),
        row.getLong("kudos_count").intValue(), row.getString("outcome_id") == null ? null : outcome(row)));
  }

  // ---- playbooks

  @Override
  public Future<Optional<Playbook>> playbook(String teamId) {
    return first(SqlQueries.PLAYBOOK, Tuple.of(teamId), PgStore::playbook);
  }

  @Override
  public Future<List<Playbook>> playbooks() {
    return all(SqlQueries.PLAYBOOKS, Tuple.tuple(), PgStore::playbook);
  }

  @Override
  public Future<Playbook> savePlaybook(String teamId, JsonObject document, long expectedVersion, String updatedBy,
                                       Instant at) {
    Tuple params = tuple(teamId, expectedVersion, document, at(at), updatedBy);
    return pool.preparedQuery(SqlQueries.SAVE_PLAYBOOK).execute(params).compose(saved -> {
      if (saved.rowCount() > 0) {
        return Future.succeededFuture(new Playbook(teamId, expectedVersion + 1, document.copy(), at, updatedBy));
      }
      return pool.preparedQuery(SqlQueries.PLAYBOOK_VERSION).execute(Tuple.of(teamId))
          .compose(current -> Future.failedFuture(new VersionConflict("playbook of team " + teamId, expectedVersion,
              current.iterator().next().getLong("version"))));
    });
  }

  // ---- webhooks

  @Override
  public Future<Void> addWebhook(WebhookSubscription subscription) {
    return pool.preparedQuery(SqlQueries.ADD_WEBHOOK).execute(tuple(subscription.id(), subscription.url(),
        subscription.events().toArray(String[]::new), subscription.secret(), subscription.createdBy(),
        at(subscription.createdAt()))).mapEmpty();
  }

  @Override
  public Future<List<WebhookSubscription>> webhooks() {
    return all(SqlQueries.WEBHOOKS, Tuple.tuple(), PgStore::webhook);
  }

  @Override
  public Future<Optional<WebhookSubscription>> webhook(String id) {
    return first(SqlQueries.WEBHOOK, Tuple.of(id), PgStore::webhook);
  }

  @Override
  public Future<Boolean> removeWebhook(String id) {
    return pool.preparedQuery(SqlQueries.REMOVE_WEBHOOK).execute(Tuple.of(id)).map(removed -> removed.rowCount() > 0);
  }

  @Override
  public Future<Void> saveDelivery(WebhookDelivery delivery) {
    return pool.preparedQuery(SqlQueries.SAVE_DELIVERY).execute(tuple(delivery.deliveryId(), delivery.subscriptionId(),
        delivery.event(), delivery.eventId(), delivery.state().wire(), delivery.attempts(), delivery.lastStatus(),
        delivery.lastError(), at(delivery.createdAt()), at(delivery.updatedAt()))).mapEmpty();
  }

  @Override
  public Future<List<WebhookDelivery>> deliveries(String subscriptionId, int limit) {
    return all(SqlQueries.DELIVERIES, Tuple.of(subscriptionId, limit), row -> new WebhookDelivery(
        row.getString("delivery_id"), row.getString("subscription_id"), row.getString("event"),
        row.getString("event_id"), constant(WebhookDelivery.State.class, row.getString("state")),
        row.getInteger("attempts"), row.getInteger("last_status"), row.getString("last_error"),
        instant(row, "created_at"), instant(row, "updated_at")));
  }

  // ---- retention

  @Override
  public Future<Integer> deleteTranscriptsEndedBefore(Instant cutoff) {
    return pool.preparedQuery(SqlQueries.DELETE_OLD_QUARANTINE).execute(Tuple.of(at(cutoff)))
        .compose(v -> purgeFrom(at(cutoff), 0));
  }

  private Future<Integer> purgeFrom(OffsetDateTime cutoff, int deletedSoFar) {
    return pool.preparedQuery(SqlQueries.DELETE_TRANSCRIPT_SLICE).execute(Tuple.of(cutoff, PURGE_SLICE))
        .compose(slice -> slice.rowCount() < PURGE_SLICE
            ? Future.succeededFuture(deletedSoFar + slice.rowCount())
            : purgeFrom(cutoff, deletedSoFar + slice.rowCount()));
  }

  // ---- customers

  @Override
  public Future<List<CallRecord>> customerCalls(String customerId, int limit) {
    return all(SqlQueries.CUSTOMER_CALLS, Tuple.of(customerId, limit), PgStore::callRecord);
  }

  @Override
  public Future<Integer> forgetCustomer(String customerId) {
    return pool.withTransaction(conn -> conn.preparedQuery(SqlQueries.CUSTOMER_ENDED_CALLS).execute(Tuple.of(customerId))
        .compose(rows -> {
          List<String> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getString("call_id")));
          if (ids.isEmpty()) {
            return Future.succeededFuture(0);
          }
          Tuple params = Tuple.tuple().addArrayOfString(ids.toArray(String[]::new));
          Future<Void> chain = Future.succeededFuture();
          for (String sql : SqlQueries.ERASE_CALL_ROWS) {
            chain = chain.compose(v -> conn.preparedQuery(sql).execute(params).mapEmpty());
          }
          return chain.map(v -> ids.size());
        }));
  }

  // ---- rows to records

  private <T> Future<Optional<T>> first(String sql, Tuple params, Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      RowSet<Row> set = rows;
      return set.size() == 0 ? Optional.empty() : Optional.of(mapper.apply(set.iterator().next()));
    });
  }

  private <T> Future<List<T>> all(String sql, Tuple params, Function<Row, T> mapper) {
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      List<T> out = new ArrayList<>(rows.size());
      for (Row row : rows) {
        out.add(mapper.apply(row));
      }
      return List.copyOf(out);
    });
  }

  private static CallRecord callRecord(Row row) {
    Object summary = row.getValue("summary");
    Object context = row.getValue("start_context");
    return new CallRecord(row.getString("call_id"), row.getString("agent_id"), row.getString("team_id"),
        row.getString("customer_id"), row.getString("customer_name"), row.getString("locale"),
        constant(CallState.class, row.getString("state")), instant(row, "started_at"), instant(row, "ended_at"),
        row.getString("end_reason"), row.getLong("last_seq"), row.getInteger("score"), row.getInteger("call_score"),
        summary instanceof JsonObject json ? HistoryJson.summary(json) : null,
        context instanceof JsonObject json ? CallContextJson.decode(json) : null);
  }

  private static OutcomeRecord outcome(Row row) {
    return new OutcomeRecord(row.getString("outcome_id"), row.getString("call_id"), row.getInteger("csat"),
        row.getInteger("nps"), row.getBoolean("resolved"), row.getString("source"), row.getString("idempotency_key"),
        instant(row, "received_at"));
  }

  private static Playbook playbook(Row row) {
    return new Playbook(row.getString("team_id"), row.getLong("version"), (JsonObject) row.getValue("document"),
        instant(row, "updated_at"), row.getString("updated_by"));
  }

  private static WebhookSubscription webhook(Row row) {
    return new WebhookSubscription(row.getString("id"), row.getString("url"), List.of(row.getArrayOfStrings("events")),
        row.getString("secret"), row.getString("created_by"), instant(row, "created_at"));
  }

  /** A prompt's {@code also} column: kinds joined by commas, null for none. */
  private static List<PromptKind> kinds(String joined) {
    return joined == null ? List.of() : Arrays.stream(joined.split(",")).map(PromptKind::fromWire).toList();
  }

  /** Parameters one by one: {@code Tuple.of(array, ...)} would spread a lone trailing array into separate values. */
  private static Tuple tuple(Object... values) {
    Tuple tuple = Tuple.tuple();
    for (Object value : values) {
      tuple.addValue(value);
    }
    return tuple;
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant();
  }

  private static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String wire) {
    return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
  }
}
