-- CarePulse history: everything durable. Applied once by io.carepulse.store.pg.Migrations; never edit after release
-- (its checksum is recorded), add a V2__... instead.

CREATE TABLE calls (
  call_id        text PRIMARY KEY,
  agent_id       text NOT NULL,
  team_id        text,
  customer_id    text,
  customer_name  text,
  locale         text,
  state          text NOT NULL CHECK (state IN ('live', 'ended')),
  started_at     timestamptz NOT NULL,
  ended_at       timestamptz,
  end_reason     text,
  last_seq       bigint NOT NULL DEFAULT 0,
  score          integer,
  call_score     integer,
  -- seq of the score point that set score/call_score, so a retried older batch never moves them back
  score_seq      bigint NOT NULL DEFAULT 0,
  summary        jsonb
);
-- The REST listing: newest first by (started_at, call_id), keyset paging.
CREATE INDEX calls_listing ON calls (started_at DESC, call_id DESC);
CREATE INDEX calls_live ON calls (started_at) WHERE state = 'live';
CREATE INDEX calls_ended_at ON calls (ended_at) WHERE state = 'ended';

-- Applied client frames as PROTOCOL-v1 JSON, text already redacted. (call_id, seq) makes every write idempotent.
CREATE TABLE frames (
  call_id     text NOT NULL,
  seq         bigint NOT NULL,
  type        text NOT NULL,
  applied_at  timestamptz NOT NULL,
  frame       jsonb NOT NULL,
  PRIMARY KEY (call_id, seq)
);

CREATE TABLE score_points (
  call_id       text NOT NULL,
  seq           bigint NOT NULL,
  call_time_ms  bigint NOT NULL,
  score         integer NOT NULL,
  call_score    integer NOT NULL,
  parts         jsonb NOT NULL,
  trend         text NOT NULL,
  reasons       jsonb NOT NULL,
  at            timestamptz NOT NULL,
  PRIMARY KEY (call_id, seq)
);

CREATE TABLE prompts (
  call_id    text NOT NULL,
  prompt_id  text NOT NULL,
  kind       text NOT NULL,
  text       text NOT NULL,
  priority   integer NOT NULL,
  seq        bigint NOT NULL,
  at         timestamptz NOT NULL,
  position   bigserial,
  PRIMARY KEY (call_id, prompt_id)
);

CREATE TABLE prompt_feedback (
  call_id    text NOT NULL,
  seq        bigint NOT NULL,
  prompt_id  text NOT NULL,
  action     text NOT NULL,
  at         timestamptz NOT NULL,
  PRIMARY KEY (call_id, seq)
);

CREATE TABLE whispers (
  call_id    text NOT NULL,
  from_user  text NOT NULL,
  text       text NOT NULL,
  outcome    text NOT NULL,
  at         timestamptz NOT NULL,
  position   bigserial
);
-- A retried journal batch must not store a whisper twice; md5 keeps the index entry small whatever the text length.
CREATE UNIQUE INDEX whispers_once ON whispers (call_id, at, from_user, outcome, md5(text));

CREATE TABLE alerts (
  alert_id      text PRIMARY KEY,
  call_id       text NOT NULL,
  agent_id      text,
  team_id       text,
  kind          text NOT NULL,
  severity      text NOT NULL,
  message       text,
  seq           bigint,
  call_time_ms  bigint,
  raised_at     timestamptz NOT NULL,
  cleared_at    timestamptz,
  position      bigserial
);
CREATE INDEX alerts_of_call ON alerts (call_id, position);

CREATE TABLE kudos (
  kudos_id    text PRIMARY KEY,
  call_id     text NOT NULL,
  agent_id    text,
  team_id     text,
  reason      text,
  message     text,
  score       integer,
  call_score  integer,
  min_score   integer,
  at          timestamptz NOT NULL,
  position    bigserial
);
CREATE INDEX kudos_of_call ON kudos (call_id, position);

CREATE TABLE outcomes (
  outcome_id       text PRIMARY KEY,
  call_id          text NOT NULL,
  csat             integer,
  nps              integer,
  resolved         boolean,
  source           text,
  idempotency_key  text NOT NULL,
  received_at      timestamptz NOT NULL,
  position         bigserial,
  UNIQUE (call_id, idempotency_key)
);
CREATE INDEX outcomes_of_call ON outcomes (call_id, position);

-- Every version of every team's playbook; the current one is the highest. (team_id, version) is the optimistic lock:
-- two writers expecting the same version both try to insert version + 1 and only one succeeds.
CREATE TABLE playbooks (
  team_id     text NOT NULL,
  version     bigint NOT NULL CHECK (version >= 1),
  document    jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  updated_by  text,
  PRIMARY KEY (team_id, version)
);

CREATE TABLE webhooks (
  id          text PRIMARY KEY,
  url         text NOT NULL,
  events      text[] NOT NULL,
  -- kept in clear: every delivery is signed with it (HMAC-SHA256)
  secret      text NOT NULL,
  created_by  text,
  created_at  timestamptz NOT NULL,
  position    bigserial
);

CREATE TABLE webhook_deliveries (
  delivery_id      text PRIMARY KEY,
  subscription_id  text NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event            text NOT NULL,
  event_id         text,
  state            text NOT NULL,
  attempts         integer NOT NULL,
  last_status      integer,
  last_error       text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  position         bigserial
);
CREATE INDEX deliveries_of_webhook ON webhook_deliveries (subscription_id, position DESC);
