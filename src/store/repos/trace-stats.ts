// Statistics over traces (seed 004): averages, error rates, percentiles, slow and busiest; plain SQL for both backends.
import type { Db } from "../db/db.js";
import { TRACE_COLUMNS, type TraceListItem } from "./trace-rows.js";

export interface StepAverage {
  step: string;
  count: number;
  avgMs: number;
  minMs: number;
  maxMs: number;
}

export interface StepErrorRate {
  step: string;
  total: number;
  failures: number;
  /** failures / total × 100. */
  errorRatePct: number;
}

export interface StepPercentiles {
  step: string;
  samples: number;
  /** Continuous percentiles in ms; null when there are no samples. */
  p10: number | null;
  p25: number | null;
  p50: number | null;
  p75: number | null;
  p90: number | null;
  p95: number | null;
  p99: number | null;
}

export interface HourCount {
  /** Hour of day, 0–23, in UTC. */
  hour: number;
  conversations: number;
}

export interface HourBucket {
  /** Start of the hour. */
  hour: Date;
  conversations: number;
}

export interface TraceStats {
  /** Per step over the last `hours`: count, mean, min and max duration (steps with a duration). */
  averages(hours: number): Promise<StepAverage[]>;
  /** Traces longer than `thresholdMs`, slowest first. */
  slow(thresholdMs: number, limit: number): Promise<TraceListItem[]>;
  /** Per step over the last `hours`: how many ran and how many failed. */
  errors(hours: number): Promise<StepErrorRate[]>;
  /** Duration percentiles of one step over the last `hours`. */
  percentiles(step: string, hours: number): Promise<StepPercentiles>;
  /** Hours of the day (UTC) with the most traces, busiest first. */
  busiest(limit: number): Promise<HourCount[]>;
  /** Traces per hour over the last `hours`, oldest first. */
  perHour(hours: number): Promise<HourBucket[]>;
}

const SINCE = "started_at >= now() - ($1::double precision * interval '1 hour')";
// Pipeline order: a step's earliest start puts request before orchestrate before sql_generation.
const STEP_ORDER = "ORDER BY MIN(started_at), step";

export function traceStats(db: Db): TraceStats {
  return {
    averages: (hours) =>
      db.query<StepAverage>(
        `SELECT step, COUNT(*) AS count, AVG(duration_ms) AS "avgMs", MIN(duration_ms) AS "minMs",
           MAX(duration_ms) AS "maxMs"
         FROM trace_steps WHERE ${SINCE} AND duration_ms IS NOT NULL GROUP BY step ${STEP_ORDER}`,
        [hours],
      ),
    slow: (thresholdMs, limit) =>
      db.query<TraceListItem>(
        `SELECT ${TRACE_COLUMNS},
           (SELECT COUNT(*) FROM trace_steps s WHERE s.trace_id = t.id) AS "stepCount"
         FROM traces t WHERE t.duration_ms > $1 ORDER BY t.duration_ms DESC, t.id LIMIT $2`,
        [thresholdMs, limit],
      ),
    errors: (hours) =>
      db.query<StepErrorRate>(
        `SELECT step, COUNT(*) AS total,
           SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failures,
           100.0 * SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) / COUNT(*) AS "errorRatePct"
         FROM trace_steps WHERE ${SINCE} AND status <> 'running' GROUP BY step ${STEP_ORDER}`,
        [hours],
      ),
    async percentiles(step, hours) {
      const rows = await db.query<StepPercentiles>(
        `SELECT $2::text AS step, COUNT(*) AS samples,
           percentile_cont(0.10) WITHIN GROUP (ORDER BY duration_ms) AS p10,
           percentile_cont(0.25) WITHIN GROUP (ORDER BY duration_ms) AS p25,
           percentile_cont(0.50) WITHIN GROUP (ORDER BY duration_ms) AS p50,
           percentile_cont(0.75) WITHIN GROUP (ORDER BY duration_ms) AS p75,
           percentile_cont(0.90) WITHIN GROUP (ORDER BY duration_ms) AS p90,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99
         FROM trace_steps WHERE ${SINCE} AND step = $2 AND duration_ms IS NOT NULL`,
        [hours, step],
      );
      return rows[0]!;
    },
    busiest: (limit) =>
      db.query<HourCount>(
        `SELECT CAST(EXTRACT(HOUR FROM started_at AT TIME ZONE 'UTC') AS integer) AS hour, COUNT(*) AS conversations
         FROM traces GROUP BY 1 ORDER BY conversations DESC, hour LIMIT $1`,
        [limit],
      ),
    perHour: (hours) =>
      db.query<HourBucket>(
        `SELECT date_trunc('hour', started_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, COUNT(*) AS conversations
         FROM traces WHERE ${SINCE} GROUP BY 1 ORDER BY 1`,
        [hours],
      ),
  };
}
