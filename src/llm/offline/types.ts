// Public shapes of the offline planner: the context it reads, the intent it parses and the plan it returns.
import type { DataDna } from "../../data/index.js";

export type Classification = "SQL_ONLY" | "PY_ONLY" | "SQL_THEN_PY" | "CLARIFY";

export interface PlannerContext {
  /** Data DNA of the channel's current tables; the planner picks the best-matching one. */
  tables: DataDna[];
  /** Earlier turns of the thread, newest last; the last table breaks ties between tables. */
  history?: Array<{ question: string; sql?: string | null; table?: string | null; answer?: string }>;
}

export type IntentKind =
  | "aggregate"
  | "top"
  | "count"
  | "share"
  | "rate"
  | "trend"
  | "filter"
  | "correlation"
  | "anomalies"
  | "forecast"
  | "distribution"
  | "compare"
  | "summary"
  | "lookup";

export type Agg = "avg" | "sum" | "count" | "min" | "max" | "median";

/** Time grains the planner can group by; weekday, hour and month_of_year are extracted parts, not truncations. */
export type Grain = "year" | "quarter" | "month" | "week" | "day" | "weekday" | "hour" | "month_of_year";

export interface GroupKey {
  column: string;
  /** Set when the column is temporal (or an integer year) and grouped by a grain. */
  grain?: Grain;
}

export type Filter =
  | { kind: "equals"; column: string; value: string | number | boolean }
  | { kind: "in"; column: string; values: Array<string | number> }
  | { kind: "compare"; column: string; op: ">" | ">=" | "<" | "<=" | "="; value: number }
  | { kind: "year"; column: string; op: "=" | ">=" | "<=" | ">" | "<"; year: number };

/** What the planner understood; SQL and Python are generated from this alone. */
export interface Intent {
  kind: IntentKind;
  /** The measure column aggregated or ranked, or null for row counts. */
  measure: string | null;
  agg: Agg;
  groupBy: GroupKey | null;
  /** "by symbol and year": the second grouping, drawn as the chart's colour. */
  splitBy?: GroupKey;
  /** Conditions every counted row must meet. */
  filters: Filter[];
  /** count/share/rate: the condition whose rows are counted (e.g. weather = 'sun'). */
  target: Filter | null;
  limit: number | null;
  /** Ranking direction: "desc" puts the highest first. */
  direction: "desc" | "asc";
  /** compare: the group values asked about ("between Europe and Japan"); all groups when absent. */
  groups?: Array<string | number>;
  /** summary: what the question dwells on (outliers, normality, the shape of the distribution). */
  focus?: "outliers" | "normality" | "distribution";
  /** summary of several columns at once ("summary statistics" with no column named). */
  columns?: string[];
  /** correlation: the two measures. */
  pair?: [string, string];
  /** forecast: periods ahead; anomalies/forecast: the series grain. */
  horizon?: number;
  grain?: Grain;
  /** Row-level answers (top cars, anomalous days): the columns that name a row. */
  labels?: string[];
  /** What a row is called in answers ("cars", "days", "rows"). */
  entity: string;
}

export type ChartType = "bar" | "line" | "area" | "scatter" | "histogram" | "pie" | "heatmap";

export interface ExecutablePlan {
  classification: "SQL_ONLY" | "SQL_THEN_PY" | "PY_ONLY";
  reasoning: string;
  columnsNeeded: string[];
  /** The table the plan reads; PY_ONLY plans hand the whole table to Python as `df`. */
  table: string;
  /** Null for PY_ONLY plans. */
  sql: string | null;
  python: string | null;
  intent: Intent;
  chart: { type: ChartType; x?: string; y?: string; color?: string } | null;
  title: string;
  /** Questions to offer next, built from the table's columns and checked to parse. */
  followUps?: string[];
}

export interface ClarifyPlan {
  classification: "CLARIFY";
  reasoning: string;
  columnsNeeded: [];
  message: string;
  suggestions: string[];
}

export type OfflinePlan = ExecutablePlan | ClarifyPlan;

export interface OfflineAnswer {
  text: string;
  metrics: Record<string, number | string>;
  followUps: string[];
}

/** A result as the offline composer reads it: column names and rows. */
export interface ResultTable {
  columns: string[];
  rows: unknown[][];
}
