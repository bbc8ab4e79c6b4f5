-- InsightX store, first schema: channels, datasets, conversations, insights, traces, schedules, key stats.
-- Runs on PostgreSQL and PGlite alike: keep to plain PostgreSQL without extensions.

CREATE TABLE channel_sessions (
  id text PRIMARY KEY,
  team_id text NOT NULL,
  channel_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('channel', 'dm', 'local')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, channel_id)
);

CREATE TABLE datasets (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id text NOT NULL REFERENCES channel_sessions (id) ON DELETE CASCADE,
  table_name text NOT NULL,
  source_file text NOT NULL,
  format text,
  source_bytes bigint,
  version integer NOT NULL CHECK (version >= 1),
  row_count bigint NOT NULL DEFAULT 0,
  column_count integer NOT NULL DEFAULT 0,
  data_dna jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'superseded')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, table_name, version)
);
-- At most one active version of a table per channel.
CREATE UNIQUE INDEX datasets_one_active ON datasets (session_id, table_name) WHERE status = 'active';

CREATE TABLE conversations (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES channel_sessions (id) ON DELETE CASCADE,
  thread_ts text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, thread_ts)
);

CREATE TABLE messages (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  payload jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messages_by_conversation ON messages (conversation_id, id);

CREATE TABLE insights (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id text NOT NULL REFERENCES channel_sessions (id) ON DELETE CASCADE,
  conversation_id text,
  query text NOT NULL,
  finding text NOT NULL,
  confidence double precision,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX insights_by_session ON insights (session_id, created_at DESC, id DESC);

-- One trace per question (seed 004's "conversation"); steps arrive in asynchronous batches, so
-- neither table references another: a late or retried batch must never be refused.
CREATE TABLE traces (
  id text PRIMARY KEY,
  session_id text,
  conversation_id text,
  question text,
  classification text,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  duration_ms double precision,
  error text
);
CREATE INDEX traces_by_start ON traces (started_at DESC);

CREATE TABLE trace_steps (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  trace_id text NOT NULL,
  step text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  duration_ms double precision,
  status text NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'skipped')),
  error text,
  input_summary text,
  output_summary text,
  tokens integer,
  key_index integer
);
-- A retried batch (a commit whose reply was lost) must not count a step twice.
CREATE UNIQUE INDEX trace_steps_once ON trace_steps (trace_id, step, started_at);
CREATE INDEX trace_steps_by_step ON trace_steps (step, started_at);

-- question is '' for digests so that the uniqueness below needs no NULLS NOT DISTINCT.
CREATE TABLE schedules (
  id text PRIMARY KEY,
  session_id text NOT NULL REFERENCES channel_sessions (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('digest', 'question')),
  cadence text NOT NULL,
  timezone text NOT NULL DEFAULT 'UTC',
  question text NOT NULL DEFAULT '',
  last_run_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (session_id, kind, question)
);

CREATE TABLE llm_key_stats (
  key_index integer PRIMARY KEY,
  calls bigint NOT NULL DEFAULT 0,
  failures bigint NOT NULL DEFAULT 0,
  prompt_tokens bigint NOT NULL DEFAULT 0,
  completion_tokens bigint NOT NULL DEFAULT 0,
  last_reason text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
