// Slack state shared by every process: thread membership (both answers kept) and upload claims.
import type { Db } from "../db/db.js";

export interface SlackStateRepo {
  /** true/false when known, null when never recorded. */
  markedMember(teamId: string, channelId: string, threadTs: string): Promise<boolean | null>;
  /** The bot posted in the thread (overrides an earlier "not a member"). */
  markThreadMember(teamId: string, channelId: string, threadTs: string): Promise<void>;
  /** Slack said the bot is not in the thread; never overrides "member". */
  markNotThreadMember(teamId: string, channelId: string, threadTs: string): Promise<void>;
  /** Epoch seconds from which every thread the bot posts in is recorded. */
  threadsRecordedSince(): Promise<number>;
  /** Claims the upload (a file shared by one message) for `holder`: true when it is this holder's (first claim or its own). */
  claimUpload(
    upload: { teamId: string; channelId: string; fileId: string; shareTs: string },
    holder: string,
  ): Promise<boolean>;
  /** Forgets the channel's threads and upload claims (forgetting a channel). */
  removeChannel(teamId: string, channelId: string): Promise<void>;
}

export function slackStateRepo(db: Db): SlackStateRepo {
  let since: number | null = null;
  return {
    async markedMember(teamId, channelId, threadTs) {
      const rows = await db.query<{ member: boolean }>(
        "SELECT member FROM slack_threads WHERE team_id = $1 AND channel_id = $2 AND thread_ts = $3",
        [teamId, channelId, threadTs],
      );
      return rows[0]?.member ?? null;
    },
    async markThreadMember(teamId, channelId, threadTs) {
      await db.query(
        `INSERT INTO slack_threads (team_id, channel_id, thread_ts, member) VALUES ($1, $2, $3, true)
         ON CONFLICT (team_id, channel_id, thread_ts) DO UPDATE SET member = true, updated_at = now()`,
        [teamId, channelId, threadTs],
      );
    },
    async markNotThreadMember(teamId, channelId, threadTs) {
      await db.query(
        `INSERT INTO slack_threads (team_id, channel_id, thread_ts, member) VALUES ($1, $2, $3, false)
         ON CONFLICT (team_id, channel_id, thread_ts) DO NOTHING`,
        [teamId, channelId, threadTs],
      );
    },
    async threadsRecordedSince() {
      if (since === null) {
        const rows = await db.query<{ value: string }>(
          "SELECT value FROM slack_state_meta WHERE key = 'threads_recorded_since'",
        );
        since = Number(rows[0]?.value ?? 0);
      }
      return since;
    },
    async claimUpload({ teamId, channelId, fileId, shareTs }, holder) {
      const key = [teamId, channelId, fileId, shareTs];
      await db.query(
        `INSERT INTO slack_uploads (team_id, channel_id, file_id, share_ts, claimed_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (team_id, channel_id, file_id, share_ts) DO NOTHING`,
        [...key, holder],
      );
      const rows = await db.query<{ claimed_by: string }>(
        `SELECT claimed_by FROM slack_uploads
         WHERE team_id = $1 AND channel_id = $2 AND file_id = $3 AND share_ts = $4`,
        key,
      );
      return rows[0]?.claimed_by === holder;
    },
    async removeChannel(teamId, channelId) {
      await db.query("DELETE FROM slack_threads WHERE team_id = $1 AND channel_id = $2", [teamId, channelId]);
      await db.query("DELETE FROM slack_uploads WHERE team_id = $1 AND channel_id = $2", [teamId, channelId]);
    },
  };
}
