// Traces and their steps (seed 004): batched writes and per-trace reads; statistics are in trace-stats.ts.
import type { Db } from "../db/db.js";
import {
  type NewTrace,
  type NewTraceStep,
  STEP_COLUMNS,
  TRACE_COLUMNS,
  type Trace,
  type TraceListItem,
  type TraceStep,
  type TraceSummary,
} from "./trace-rows.js";
import { type TraceStats, traceStats } from "./trace-stats.js";

export interface TracesRepo extends TraceStats {
  /** Multi-row upsert by id; later fields win, absent ones keep what was stored. */
  insertTraces(traces: NewTrace[]): Promise<void>;
  /** Multi-row insert; a step already stored (same trace, step, start) is ignored, so retries are safe. */
  insertSteps(steps: NewTraceStep[]): Promise<void>;
  recent(limit: number): Promise<TraceListItem[]>;
  get(id: string): Promise<Trace | null>;
  summary(id: string): Promise<TraceSummary | null>;
  steps(id: string): Promise<TraceStep[]>;
  /** Deletes the channel's traces and their steps (forgetting a channel); returns how many traces went. */
  removeChannel(teamId: string, channelId: string): Promise<number>;
}

/** Rows per statement: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 500;

async function insertRows(db: Db, head: string, tail: string, rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const write = async (tx: Db) => {
    for (let start = 0; start < rows.length; start += CHUNK) {
      const chunk = rows.slice(start, start + CHUNK);
      const params: unknown[] = [];
      const tuples = chunk.map((row) => {
        const marks = row.map((value) => {
          params.push(value);
          return `$${params.length}`;
        });
        return `(${marks.join(", ")})`;
      });
      await tx.query(`${head} VALUES ${tuples.join(", ")} ${tail}`, params);
    }
  };
  await (rows.length > CHUNK ? db.transaction(write) : write(db));
}

export function tracesRepo(db: Db): TracesRepo {
  const steps = (id: string) =>
    db.query<TraceStep>(`SELECT ${STEP_COLUMNS} FROM trace_steps WHERE trace_id = $1 ORDER BY started_at, id`, [id]);
  const get = async (id: string) =>
    (await db.query<Trace>(`SELECT ${TRACE_COLUMNS} FROM traces t WHERE t.id = $1`, [id]))[0] ?? null;

  return {
    ...traceStats(db),
    async insertTraces(traces) {
      // One statement may not update the same row twice: keep the last write of each id.
      const latest = new Map(traces.map((trace) => [trace.id, trace]));
      const rows = [...latest.values()].map((t) => [
        t.id,
        t.sessionId ?? null,
        t.conversationId ?? null,
        t.teamId ?? null,
        t.channelId ?? null,
        t.question ?? null,
        t.classification ?? null,
        t.status,
        t.startedAt,
        t.endedAt ?? null,
        t.durationMs ?? null,
        t.error ?? null,
      ]);
      await insertRows(
        db,
        `INSERT INTO traces (id, session_id, conversation_id, team_id, channel_id, question, classification, status,
           started_at, ended_at, duration_ms, error)`,
        `ON CONFLICT (id) DO UPDATE SET
           session_id = COALESCE(excluded.session_id, traces.session_id),
           conversation_id = COALESCE(excluded.conversation_id, traces.conversation_id),
           team_id = COALESCE(excluded.team_id, traces.team_id),
           channel_id = COALESCE(excluded.channel_id, traces.channel_id),
           question = COALESCE(excluded.question, traces.question),
           classification = COALESCE(excluded.classification, traces.classification),
           status = excluded.status,
           started_at = LEAST(excluded.started_at, traces.started_at),
           ended_at = COALESCE(excluded.ended_at, traces.ended_at),
           duration_ms = COALESCE(excluded.duration_ms, traces.duration_ms),
           error = COALESCE(excluded.error, traces.error)`,
        rows,
      );
    },
    async insertSteps(input) {
      const rows = input.map((s) => [
        s.traceId,
        s.step,
        s.startedAt,
        s.endedAt ?? null,
        s.durationMs ?? null,
        s.status,
        s.error ?? null,
        s.inputSummary ?? null,
        s.outputSummary ?? null,
        s.tokens ?? null,
        s.keyIndex ?? null,
      ]);
      await insertRows(
        db,
        `INSERT INTO trace_steps (trace_id, step, started_at, ended_at, duration_ms, status, error, input_summary,
           output_summary, tokens, key_index)`,
        "ON CONFLICT (trace_id, step, started_at) DO NOTHING",
        rows,
      );
    },
    recent: (limit) =>
      db.query<TraceListItem>(
        `SELECT ${TRACE_COLUMNS},
           (SELECT COUNT(*) FROM trace_steps s WHERE s.trace_id = t.id) AS "stepCount"
         FROM traces t ORDER BY t.started_at DESC, t.id DESC LIMIT $1`,
        [limit],
      ),
    get,
    async summary(id) {
      const trace = await get(id);
      if (!trace) return null;
      const list = await steps(id);
      const totalMs = trace.durationMs ?? list.reduce((sum, step) => sum + (step.durationMs ?? 0), 0);
      return {
        trace,
        totalMs,
        steps: list.map((step) => ({
          ...step,
          sharePct: step.durationMs === null || totalMs <= 0 ? null : (step.durationMs / totalMs) * 100,
        })),
      };
    },
    steps,
    async removeChannel(teamId, channelId) {
      const remove = async (tx: Db) => {
        await tx.query(
          `DELETE FROM trace_steps WHERE trace_id IN (SELECT id FROM traces WHERE team_id = $1 AND channel_id = $2)`,
          [teamId, channelId],
        );
        return (
          await tx.query("DELETE FROM traces WHERE team_id = $1 AND channel_id = $2 RETURNING id", [teamId, channelId])
        ).length;
      };
      return db.transaction(remove);
    },
  };
}
