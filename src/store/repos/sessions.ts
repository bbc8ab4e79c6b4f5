// Channel sessions: one row per Slack channel, DM or local channel that InsightX answers in.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/db.js";

export type SessionKind = "channel" | "dm" | "local";

/** Slack direct-message channel ids start with D: the one rule for telling a DM from a channel. */
export function isDirectMessageChannel(channelId: string): boolean {
  return channelId.startsWith("D");
}

/** The CLI's local team is "local"; Slack direct-message channel ids start with D. */
export function sessionKindFor(teamId: string, channelId: string): SessionKind {
  if (teamId === "local") return "local";
  return isDirectMessageChannel(channelId) ? "dm" : "channel";
}

export interface Session {
  id: string;
  teamId: string;
  channelId: string;
  kind: SessionKind;
  createdAt: Date;
}

export interface SessionsRepo {
  /** The session of (team, channel), created on first use; the kind of an existing one is kept. */
  ensure(teamId: string, channelId: string, kind: SessionKind): Promise<Session>;
  get(id: string): Promise<Session | null>;
  find(teamId: string, channelId: string): Promise<Session | null>;
  list(): Promise<Session[]>;
  /**
   * Deletes the session of (team, channel) and, by cascade, its datasets, conversations and messages, insights
   * and schedules; returns whether there was one.
   */
  remove(teamId: string, channelId: string): Promise<boolean>;
}

const COLUMNS = `id, team_id AS "teamId", channel_id AS "channelId", kind, created_at AS "createdAt"`;

export function sessionsRepo(db: Db): SessionsRepo {
  const find = async (teamId: string, channelId: string) =>
    (
      await db.query<Session>(`SELECT ${COLUMNS} FROM channel_sessions WHERE team_id = $1 AND channel_id = $2`, [
        teamId,
        channelId,
      ])
    )[0] ?? null;

  return {
    async ensure(teamId, channelId, kind) {
      const inserted = await db.query<Session>(
        `INSERT INTO channel_sessions (id, team_id, channel_id, kind) VALUES ($1, $2, $3, $4)
         ON CONFLICT (team_id, channel_id) DO NOTHING RETURNING ${COLUMNS}`,
        [randomUUID(), teamId, channelId, kind],
      );
      const row = inserted[0] ?? (await find(teamId, channelId));
      if (!row) throw new Error(`channel session ${teamId}/${channelId} vanished while being created`);
      return row;
    },
    async get(id) {
      return (await db.query<Session>(`SELECT ${COLUMNS} FROM channel_sessions WHERE id = $1`, [id]))[0] ?? null;
    },
    find,
    list: () => db.query<Session>(`SELECT ${COLUMNS} FROM channel_sessions ORDER BY created_at, id`),
    async remove(teamId, channelId) {
      const rows = await db.query("DELETE FROM channel_sessions WHERE team_id = $1 AND channel_id = $2 RETURNING id", [
        teamId,
        channelId,
      ]);
      return rows.length > 0;
    },
  };
}
