// Schedules: a channel's digest and saved questions, at most one per (channel, kind, question).
import { randomUUID } from "node:crypto";
import type { Db } from "../db/db.js";

export type ScheduleKind = "digest" | "question";

export interface Schedule {
  /** Stable across upserts, so a queue's job scheduler keyed by it is replaced rather than duplicated. */
  id: string;
  sessionId: string;
  kind: ScheduleKind;
  /** As the person wrote it, e.g. `daily 09:00` or `weekly mon 09:00`. */
  cadence: string;
  timezone: string;
  /** The saved question; null for a digest. */
  question: string | null;
  lastRunAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScheduleInput {
  sessionId: string;
  kind: ScheduleKind;
  cadence: string;
  /** @defaultValue "UTC" */
  timezone?: string;
  question?: string;
  createdBy?: string;
}

export interface SchedulesRepo {
  /** Creates the schedule, or replaces cadence, timezone and author of the one with the same key. */
  upsert(input: ScheduleInput): Promise<Schedule>;
  list(sessionId: string): Promise<Schedule[]>;
  listAll(): Promise<Schedule[]>;
  get(id: string): Promise<Schedule | null>;
  /** Removes the (session, kind, question) schedule; returns what was removed, or null. */
  remove(sessionId: string, kind: ScheduleKind, question?: string): Promise<Schedule | null>;
  /** Records when a schedule last ran (a digest reports what changed since then). */
  markRun(id: string, at: Date): Promise<void>;
}

const COLUMNS = `id, session_id AS "sessionId", kind, cadence, timezone, NULLIF(question, '') AS question,
  last_run_at AS "lastRunAt", created_by AS "createdBy", created_at AS "createdAt", updated_at AS "updatedAt"`;

export function schedulesRepo(db: Db): SchedulesRepo {
  return {
    async upsert(input) {
      const rows = await db.query<Schedule>(
        `INSERT INTO schedules (id, session_id, kind, cadence, timezone, question, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (session_id, kind, question) DO UPDATE SET
           cadence = excluded.cadence, timezone = excluded.timezone,
           created_by = COALESCE(excluded.created_by, schedules.created_by), updated_at = now()
         RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          input.sessionId,
          input.kind,
          input.cadence,
          input.timezone ?? "UTC",
          input.question ?? "",
          input.createdBy ?? null,
        ],
      );
      return rows[0]!;
    },
    list: (sessionId) =>
      db.query<Schedule>(`SELECT ${COLUMNS} FROM schedules WHERE session_id = $1 ORDER BY created_at, id`, [sessionId]),
    listAll: () => db.query<Schedule>(`SELECT ${COLUMNS} FROM schedules ORDER BY session_id, created_at, id`),
    async get(id) {
      return (await db.query<Schedule>(`SELECT ${COLUMNS} FROM schedules WHERE id = $1`, [id]))[0] ?? null;
    },
    async remove(sessionId, kind, question) {
      const rows = await db.query<Schedule>(
        `DELETE FROM schedules WHERE session_id = $1 AND kind = $2 AND question = $3 RETURNING ${COLUMNS}`,
        [sessionId, kind, question ?? ""],
      );
      return rows[0] ?? null;
    },
    async markRun(id, at) {
      await db.query("UPDATE schedules SET last_run_at = $2 WHERE id = $1", [id, at]);
    },
  };
}
