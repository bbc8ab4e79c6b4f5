// What every question kind's intent shares: the table, the rows kept and what a row is called; and the parts
// (aggregations, grains, group keys, filters) kinds build their own intents from.
export type Agg = "avg" | "sum" | "count" | "min" | "max" | "median";

/** Time grains the planner can group by; weekday, hour and month_of_year are extracted parts, not truncations. */
export type Grain = "year" | "quarter" | "month" | "week" | "day" | "weekday" | "hour" | "month_of_year";

export type Direction = "asc" | "desc";

export interface GroupKey {
  column: string;
  /** Set when the column is temporal (or an integer year) and grouped by a grain. */
  grain?: Grain;
}

export type Op = ">" | ">=" | "<" | "<=" | "=";

export type Filter =
  | { kind: "equals"; column: string; value: string | number | boolean }
  | { kind: "in"; column: string; values: Array<string | number> }
  | { kind: "compare"; column: string; op: Op; value: number }
  | { kind: "year"; column: string; op: Op; year: number }
  /** A month of the year (1-12) of a date column: "in March". */
  | { kind: "month"; column: string; month: number };

/** The part every kind's intent has; each kind adds its own fields in its own type. */
export interface BaseIntent {
  /** The kind's name, as registered in kinds/index.ts. */
  kind: string;
  table: string;
  /** Conditions every row the answer uses must meet. */
  filters: Filter[];
  /** What a row is called in answers ("cars", "days", "rows"). */
  entity: string;
}

/**
 * What an intent does with the question's words, for the word accounting: a word counts as placed only when the
 * intent uses what it said (its column, its aggregation, its direction, its number).
 */
export interface IntentFacts {
  columns: string[];
  agg: Agg | null;
  /** The direction the answer is ranked or ordered in, when it is. */
  order: Direction | null;
  limit: number | null;
  horizon: number | null;
  /** Groups by, or filters on, a time grain. */
  time: boolean;
  /** Counts rows (or adds up what "how many" named). */
  counts: boolean;
}

export const columnsOfFilters = (filters: readonly Filter[]): string[] => filters.map((f) => f.column);

export const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
