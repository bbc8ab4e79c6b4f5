-- Slack state every app and worker process shares: which threads the bot takes part in (so a reply in a thread is
-- routed without asking Slack each time) and which process took each upload (one ingestion per channel and file).

CREATE TABLE slack_threads (
  team_id text NOT NULL,
  channel_id text NOT NULL,
  thread_ts text NOT NULL,
  -- true: the bot posted in the thread; false: Slack was asked once and the bot was not in it.
  member boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, channel_id, thread_ts)
);

CREATE TABLE slack_uploads (
  team_id text NOT NULL,
  channel_id text NOT NULL,
  file_id text NOT NULL,
  -- The message that shared it: the same file shared again later is a new upload.
  share_ts text NOT NULL,
  -- The job that ingests it; the same job may claim again when it is retried.
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, channel_id, file_id, share_ts)
);

-- When thread membership started being recorded: a thread started later that has no row has never seen the bot.
CREATE TABLE slack_state_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO slack_state_meta (key, value) VALUES ('threads_recorded_since', extract(epoch FROM now())::text);
