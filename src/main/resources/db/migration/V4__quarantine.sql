-- History the store refused for its data (e.g. U+0000, which text and jsonb cannot hold), kept aside by the journal
-- so that one bad entry never blocks the others. content is JSON text, not jsonb: U+0000 stays escaped in it.
CREATE TABLE quarantine (
  entry_id  text PRIMARY KEY,
  call_id   text NOT NULL,
  seq       bigint,
  kind      text NOT NULL CHECK (kind IN ('call', 'frame', 'whisper', 'ending')),
  content   text NOT NULL,
  reason    text NOT NULL,
  at        timestamptz NOT NULL,
  position  bigserial
);
CREATE INDEX quarantine_call ON quarantine (call_id);
CREATE INDEX quarantine_at ON quarantine (at);
