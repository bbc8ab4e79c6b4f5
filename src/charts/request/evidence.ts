// The evidence tables a chart is drawn from, besides the answer's own rows: what each must carry and its bounds.
// Each is a ResultTable exactly as the guarded SQL runner (or the Python step) returned it, plus the names of the
// columns that play each part. How a planner fetches each one is in ./recipes.ts.
import type { ResultTable } from "../types.js";

/**
 * Row bounds of every evidence table. The planner fetches evidence with these as the query's LIMIT (and
 * `EVIDENCE_MAX_BYTES` as the runner's byte cap); a chart given more rows samples them evenly and says so.
 */
export const EVIDENCE_LIMITS = {
  /** Correlation pairs: a stratified sample (see `correlationPairsRecipe`). */
  pairs: 2_000,
  /** Of the pairs, how many are reserved for the most extreme points, so outliers survive sampling. */
  pairOutliers: 200,
  /** A time series (history before a forecast, the series around anomalies), one row per period. */
  series: 2_000,
  /** Forecast periods. */
  forecast: 500,
  /** Flagged anomalies (the Python helper lists at most 100). */
  flagged: 100,
  /** Parts of a whole (share / rate). */
  components: 50,
  /** Raw values of a distribution; beyond it the planner samples (`distributionValuesRecipe`). */
  values: 10_000,
} as const;

/** Byte cap for one evidence query's cell text (the runner's `maxBytes`). */
export const EVIDENCE_MAX_BYTES = 1 << 20;

/** A cell value that names a row of a table: a category label or a time. */
export type Key = string | number;

/**
 * The pairs behind a correlation. Columns `x` and `y`: numbers, both non-null in every row; `group`
 * (optional): a category the question asked to compare by, at most 8 values get their own colour.
 * At most `EVIDENCE_LIMITS.pairs` rows.
 */
export interface PairsEvidence {
  table: ResultTable;
  x: string;
  y: string;
  group?: string;
}

/**
 * A series in time order. Column `time`: a DATE/TIMESTAMP (or a year number) with one row per period;
 * `value`: a number (null for a period without a value). At most `EVIDENCE_LIMITS.series` rows.
 */
export interface SeriesEvidence {
  table: ResultTable;
  time: string;
  value: string;
}

/**
 * Forecast periods after the history: `time` continues the history's time column at its grain, `value` the
 * prediction, `lower` and `upper` the prediction interval. At most `EVIDENCE_LIMITS.forecast` rows.
 */
export interface ForecastEvidence {
  table: ResultTable;
  time: string;
  value: string;
  lower: string;
  upper: string;
  /** Coverage of the interval, 0–1. @defaultValue 0.95 */
  interval?: number;
}

/**
 * The flagged points of an anomaly search: `time` and `value` as in the series they come from (same column
 * types, same grain). At most `EVIDENCE_LIMITS.flagged` rows; the most extreme are labelled.
 */
export interface FlaggedEvidence {
  table: ResultTable;
  time: string;
  value: string;
}

/**
 * The parts a whole is made of: one row per part, `label` (text) and `value` (a count or sum, ≥ 0). The
 * whole is their sum, so every part of the whole must be a row (the rest may be one row labelled e.g. "other").
 * At most `EVIDENCE_LIMITS.components` rows.
 */
export interface ComponentsEvidence {
  table: ResultTable;
  label: string;
  value: string;
}

/**
 * The values a distribution summarises: `value` a number, one row per observation; `group` (optional) a
 * category to compare distributions by (box plots). At most `EVIDENCE_LIMITS.values` rows.
 */
export interface ValuesEvidence {
  table: ResultTable;
  value: string;
  group?: string;
}
