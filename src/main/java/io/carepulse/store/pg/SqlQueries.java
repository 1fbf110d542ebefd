package io.carepulse.store.pg;

/**
 * Every SQL statement CarePulse runs, by name, in one place (the schema is db/migration/V*.sql). Batched writes pass
 * one array per column and {@code unnest} them into rows: one round trip for hundreds of rows, measured here at about
 * 160k rows/s against 7k/s for single-row inserts (docs/stack-notes.md). Every journal write is idempotent — ON CONFLICT DO
 * NOTHING on its natural key — so a batch may be retried after a timeout or a lost connection.
 */
final class SqlQueries {

  private SqlQueries() {
  }

  // ---- migrations

  /** Per schema, so test schemas (and tenants) migrate independently; released at commit or rollback. */
  static final String MIGRATION_LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('carepulse.migrations:' || current_schema()))";

  /** Else every start logs "relation schema_version already exists, skipping" as a warning. */
  static final String QUIET_NOTICES = "SET LOCAL client_min_messages = warning";

  static final String CREATE_SCHEMA_VERSION = """
      CREATE TABLE IF NOT EXISTS schema_version (
        version      integer PRIMARY KEY,
        description  text NOT NULL,
        checksum     text NOT NULL,
        applied_at   timestamptz NOT NULL DEFAULT now()
      )""";

  static final String APPLIED_MIGRATIONS = "SELECT version, checksum FROM schema_version ORDER BY version";

  static final String RECORD_MIGRATION = "INSERT INTO schema_version (version, description, checksum) VALUES ($1, $2, $3)";

  // ---- the journal's batch, in JournalBatch order

  static final String INSERT_CALLS = """
      INSERT INTO calls (call_id, agent_id, team_id, customer_id, customer_name, locale, state, started_at,
                         start_context)
      SELECT u.call_id, u.agent_id, u.team_id, u.customer_id, u.customer_name, u.locale, 'live', u.started_at,
             u.start_context::jsonb
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[])
        AS u(call_id, agent_id, team_id, customer_id, customer_name, locale, started_at, start_context)
      ON CONFLICT (call_id) DO NOTHING""";

  static final String INSERT_FRAMES = """
      INSERT INTO frames (call_id, seq, type, applied_at, frame)
      SELECT u.call_id, u.seq, u.type, u.applied_at, u.frame::jsonb
      FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[])
        AS u(call_id, seq, type, applied_at, frame)
      ON CONFLICT (call_id, seq) DO NOTHING""";

  /** One row per call: the highest seq of the batch. */
  static final String ADVANCE_LAST_SEQ = """
      UPDATE calls c SET last_seq = u.seq
      FROM unnest($1::text[], $2::bigint[]) AS u(call_id, seq)
      WHERE c.call_id = u.call_id AND c.last_seq < u.seq""";

  static final String INSERT_SCORES = """
      INSERT INTO score_points (call_id, seq, call_time_ms, score, call_score, parts, trend, reasons, at, customer)
      SELECT u.call_id, u.seq, u.call_time_ms, u.score, u.call_score, u.parts::jsonb, u.trend, u.reasons::jsonb, u.at,
             u.customer::jsonb
      FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[],
                  $9::timestamptz[], $10::text[])
        AS u(call_id, seq, call_time_ms, score, call_score, parts, trend, reasons, at, customer)
      ON CONFLICT (call_id, seq) DO NOTHING""";

  /** One row per call: its latest score point of the batch. A live call's listed score follows its latest point. */
  static final String FOLLOW_LATEST_SCORE = """
      UPDATE calls c SET score = u.score, call_score = u.call_score, score_seq = u.seq
      FROM unnest($1::text[], $2::bigint[], $3::int[], $4::int[]) AS u(call_id, seq, score, call_score)
      WHERE c.call_id = u.call_id AND c.state = 'live' AND u.seq >= c.score_seq""";

  static final String INSERT_PROMPTS = """
      INSERT INTO prompts (call_id, prompt_id, kind, text, priority, seq, at, also)
      SELECT u.call_id, u.prompt_id, u.kind, u.text, u.priority, u.seq, u.at, u.also
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::timestamptz[],
                  $8::text[])
        WITH ORDINALITY AS u(call_id, prompt_id, kind, text, priority, seq, at, also, n)
      ORDER BY u.n
      ON CONFLICT (call_id, prompt_id) DO NOTHING""";

  static final String INSERT_FEEDBACK = """
      INSERT INTO prompt_feedback (call_id, seq, prompt_id, action, at)
      SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[])
      ON CONFLICT (call_id, seq) DO NOTHING""";

  static final String INSERT_WHISPERS = """
      INSERT INTO whispers (call_id, from_user, text, outcome, at)
      SELECT u.call_id, u.from_user, u.text, u.outcome, u.at
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])
        WITH ORDINALITY AS u(call_id, from_user, text, outcome, at, n)
      ORDER BY u.n
      ON CONFLICT DO NOTHING""";

  static final String END_CALLS = """
      UPDATE calls c SET state = 'ended', ended_at = u.ended_at, end_reason = u.reason,
        last_seq = greatest(c.last_seq, u.last_seq), score = u.score, call_score = u.call_score, summary = u.summary::jsonb
      FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[], $5::int[], $6::text[], $7::timestamptz[])
        AS u(call_id, reason, last_seq, score, call_score, summary, ended_at)
      WHERE c.call_id = u.call_id AND c.state = 'live'""";

  // ---- reading history

  static final String CALL_COLUMNS = "c.call_id, c.agent_id, c.team_id, c.customer_id, c.customer_name, c.locale, "
      + "c.state, c.started_at, c.ended_at, c.end_reason, c.last_seq, c.score, c.call_score, c.summary, c.start_context";

  static final String CALL = "SELECT " + CALL_COLUMNS + " FROM calls c WHERE c.call_id = $1";

  static final String LIVE_CALLS = "SELECT " + CALL_COLUMNS
      + " FROM calls c WHERE c.state = 'live' ORDER BY c.started_at, c.call_id";

  static final String FRAMES = """
      SELECT call_id, seq, type, applied_at, frame FROM frames
      WHERE call_id = $1 AND seq > $2 ORDER BY seq LIMIT $3""";

  static final String SCORES = """
      SELECT call_id, seq, call_time_ms, score, call_score, parts, trend, reasons, at, customer FROM score_points
      WHERE call_id = $1 AND seq > $2 ORDER BY seq LIMIT $3""";

  static final String PROMPTS = """
      SELECT call_id, prompt_id, kind, text, priority, seq, at, also FROM prompts WHERE call_id = $1
      ORDER BY position""";

  static final String FEEDBACK = """
      SELECT call_id, seq, prompt_id, action, at FROM prompt_feedback WHERE call_id = $1 ORDER BY seq""";

  static final String WHISPERS = """
      SELECT call_id, from_user, text, outcome, at FROM whispers WHERE call_id = $1 ORDER BY position""";

  /**
   * The call listing: newest first, keyset-paged on (started_at, call_id); each filter applies only when its parameter
   * is not null, so one prepared statement serves every combination. Asks for one row more than the page to know
   * whether another page follows.
   */
  static final String LIST_CALLS = "SELECT " + CALL_COLUMNS + """
       FROM calls c
      WHERE ($1::text IS NULL OR c.state = $1)
        AND ($2::text IS NULL OR c.agent_id = $2)
        AND ($3::text IS NULL OR c.team_id = $3)
        AND ($4::text[] IS NULL OR c.team_id = ANY($4))
        AND ($5::timestamptz IS NULL OR c.started_at >= $5)
        AND ($6::timestamptz IS NULL OR c.started_at < $6)
        AND ($7::int IS NULL OR c.call_score >= $7)
        AND ($8::int IS NULL OR c.call_score <= $8)
        AND ($9::timestamptz IS NULL OR (c.started_at, c.call_id) < ($9, $10::text))
      ORDER BY c.started_at DESC, c.call_id DESC
      LIMIT $11""";

  /** What reports need per call; a prompt counts once per kind of feedback however often it was given. */
  static final String CALL_FACTS = "SELECT " + CALL_COLUMNS + """
      ,
        (SELECT count(*) FROM prompts p WHERE p.call_id = c.call_id) AS prompts,
        (SELECT count(DISTINCT f.prompt_id) FROM prompt_feedback f WHERE f.call_id = c.call_id AND f.action = 'helpful')
          AS helpful,
        (SELECT count(DISTINCT f.prompt_id) FROM prompt_feedback f WHERE f.call_id = c.call_id AND f.action = 'unhelpful')
          AS unhelpful,
        (SELECT count(DISTINCT f.prompt_id) FROM prompt_feedback f WHERE f.call_id = c.call_id AND f.action = 'dismissed')
          AS dismissed,
        (SELECT count(*) FROM kudos k WHERE k.call_id = c.call_id) AS kudos_count,
        o.outcome_id, o.csat, o.nps, o.resolved, o.source, o.idempotency_key, o.received_at
      FROM calls c
      LEFT JOIN LATERAL (SELECT * FROM outcomes o WHERE o.call_id = c.call_id ORDER BY o.position DESC LIMIT 1) o ON true
      WHERE ($1::timestamptz IS NULL OR c.started_at >= $1)
        AND ($2::timestamptz IS NULL OR c.started_at < $2)
        AND ($3::text[] IS NULL OR c.team_id = ANY($3))
        AND ($4::text IS NULL OR c.agent_id = $4)
      ORDER BY c.started_at, c.call_id""";

  // ---- alerts and kudos (no check that the call is stored yet: the feed may beat the journal to it)

  static final String RAISE_ALERT = """
      INSERT INTO alerts (alert_id, call_id, agent_id, team_id, kind, severity, message, seq, call_time_ms, raised_at,
                          cleared_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (alert_id) DO NOTHING""";

  static final String CLEAR_ALERT = "UPDATE alerts SET cleared_at = $2 WHERE alert_id = $1 AND cleared_at IS NULL";

  static final String ALERTS = """
      SELECT alert_id, call_id, agent_id, team_id, kind, severity, message, seq, call_time_ms, raised_at, cleared_at
      FROM alerts WHERE call_id = $1 ORDER BY position""";

  static final String AWARD_KUDOS = """
      INSERT INTO kudos (kudos_id, call_id, agent_id, team_id, reason, message, score, call_score, min_score, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (kudos_id) DO NOTHING""";

  static final String KUDOS = """
      SELECT kudos_id, call_id, agent_id, team_id, reason, message, score, call_score, min_score, at
      FROM kudos WHERE call_id = $1 ORDER BY position""";

  // ---- outcomes

  static final String OUTCOME_COLUMNS = "outcome_id, call_id, csat, nps, resolved, source, idempotency_key, received_at";

  /** Stores the outcome of a known call unless its idempotency key was seen; returns the row only when it stored it. */
  static final String SAVE_OUTCOME = "INSERT INTO outcomes (" + OUTCOME_COLUMNS + """
      )
      SELECT $1, $2, $3, $4, $5, $6, $7, $8 WHERE EXISTS (SELECT 1 FROM calls WHERE call_id = $2)
      ON CONFLICT DO NOTHING
      RETURNING outcome_id""";

  static final String OUTCOME_BY_KEY = "SELECT " + OUTCOME_COLUMNS
      + " FROM outcomes WHERE call_id = $1 AND idempotency_key = $2";

  static final String OUTCOMES = "SELECT " + OUTCOME_COLUMNS + " FROM outcomes WHERE call_id = $1 ORDER BY position";

  // ---- playbooks

  static final String PLAYBOOK = """
      SELECT team_id, version, document, updated_at, updated_by FROM playbooks
      WHERE team_id = $1 ORDER BY version DESC LIMIT 1""";

  static final String PLAYBOOKS = """
      SELECT DISTINCT ON (team_id) team_id, version, document, updated_at, updated_by FROM playbooks
      ORDER BY team_id, version DESC""";

  /**
   * Inserts version $2 + 1 only while $2 is the current version (0: none yet). Two writers expecting the same version
   * both aim at the same primary key, so exactly one wins even when they race; the other gets no row back.
   */
  static final String SAVE_PLAYBOOK = """
      INSERT INTO playbooks (team_id, version, document, updated_at, updated_by)
      SELECT $1, $2 + 1, $3::jsonb, $4, $5
      WHERE coalesce((SELECT max(version) FROM playbooks WHERE team_id = $1), 0) = $2
      ON CONFLICT (team_id, version) DO NOTHING
      RETURNING version""";

  static final String PLAYBOOK_VERSION = "SELECT coalesce(max(version), 0) AS version FROM playbooks WHERE team_id = $1";

  // ---- webhooks

  static final String ADD_WEBHOOK = """
      INSERT INTO webhooks (id, url, events, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (id) DO UPDATE SET url = excluded.url, events = excluded.events, secret = excluded.secret,
        created_by = excluded.created_by, created_at = excluded.created_at""";

  static final String WEBHOOK_COLUMNS = "id, url, events, secret, created_by, created_at";

  static final String WEBHOOKS = "SELECT " + WEBHOOK_COLUMNS + " FROM webhooks ORDER BY position";

  static final String WEBHOOK = "SELECT " + WEBHOOK_COLUMNS + " FROM webhooks WHERE id = $1";

  /** Its deliveries go with it (ON DELETE CASCADE). */
  static final String REMOVE_WEBHOOK = "DELETE FROM webhooks WHERE id = $1";

  /** Keeps the delivery's place in the log (position) across attempts; a delivery for a removed hook is dropped. */
  static final String SAVE_DELIVERY = """
      INSERT INTO webhook_deliveries (delivery_id, subscription_id, event, event_id, state, attempts, last_status,
                                      last_error, created_at, updated_at)
      SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 WHERE EXISTS (SELECT 1 FROM webhooks WHERE id = $2)
      ON CONFLICT (delivery_id) DO UPDATE SET event = excluded.event, event_id = excluded.event_id,
        state = excluded.state, attempts = excluded.attempts, last_status = excluded.last_status,
        last_error = excluded.last_error, updated_at = excluded.updated_at""";

  static final String DELIVERIES = """
      SELECT delivery_id, subscription_id, event, event_id, state, attempts, last_status, last_error, created_at,
             updated_at
      FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY position DESC LIMIT $2""";

  // ---- retention

  /**
   * One slice of the transcript purge ($2 rows at most), so a large purge never holds long locks or one huge
   * transaction; the caller repeats until a slice comes back short.
   */
  static final String DELETE_TRANSCRIPT_SLICE = """
      DELETE FROM frames WHERE ctid = ANY (ARRAY(
        SELECT f.ctid FROM frames f JOIN calls c ON c.call_id = f.call_id
        WHERE c.state = 'ended' AND c.ended_at < $1 AND f.type = 'utterance'
        LIMIT $2))""";

  static final String CUSTOMER_CALLS = "SELECT " + CALL_COLUMNS
      + " FROM calls c WHERE c.customer_id = $1 ORDER BY c.started_at DESC, c.call_id DESC LIMIT $2";

  /** Erasure: the ids of a customer's ended calls, locked, then every table's rows of those calls. */
  static final String CUSTOMER_ENDED_CALLS = """
      SELECT call_id FROM calls WHERE customer_id = $1 AND state = 'ended' FOR UPDATE""";

  static final java.util.List<String> ERASE_CALL_ROWS = java.util.List.of(
      "DELETE FROM frames WHERE call_id = ANY($1)",
      "DELETE FROM score_points WHERE call_id = ANY($1)",
      "DELETE FROM prompts WHERE call_id = ANY($1)",
      "DELETE FROM prompt_feedback WHERE call_id = ANY($1)",
      "DELETE FROM whispers WHERE call_id = ANY($1)",
      "DELETE FROM alerts WHERE call_id = ANY($1)",
      "DELETE FROM kudos WHERE call_id = ANY($1)",
      "DELETE FROM outcomes WHERE call_id = ANY($1)",
      "DELETE FROM quarantine WHERE call_id = ANY($1)",
      "DELETE FROM calls WHERE call_id = ANY($1)");

  // ---- quarantine: history the store refused, kept aside with the reason (CallJournal isolates it)

  static final String QUARANTINE = """
      INSERT INTO quarantine (entry_id, call_id, seq, kind, content, reason, at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (entry_id) DO NOTHING""";

  static final String QUARANTINED = """
      SELECT entry_id, call_id, seq, kind, content, reason, at FROM quarantine ORDER BY position LIMIT $1""";

  static final String DELETE_OLD_QUARANTINE = "DELETE FROM quarantine WHERE at < $1";
}
