-- Each trace names its channel, so forgetting a channel also removes its questions' traces (their text and
-- step summaries hold the channel's data). Older traces keep NULLs and belong to no channel.
ALTER TABLE traces ADD COLUMN team_id text;
ALTER TABLE traces ADD COLUMN channel_id text;
CREATE INDEX traces_by_channel ON traces (team_id, channel_id);
