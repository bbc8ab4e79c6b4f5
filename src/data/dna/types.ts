// Data DNA: what InsightX knows about a table before any question — shapes, roles, baselines, samples.
import type { Cell } from "../sql/values.js";

export type SemanticRole = "time" | "measure" | "dimension" | "identifier" | "status" | "text";
export type TimeGrain = "year" | "quarter" | "month" | "week" | "day" | "hour" | "minute" | "second";

export interface NumericStats {
  min: number;
  max: number;
  mean: number;
  std: number | null;
  p25: number;
  p50: number;
  p75: number;
  /** True when every value is a whole number. */
  integer: boolean;
}

export interface TopValue {
  value: Cell;
  count: number;
  share: number;
}

export interface ColumnProfile {
  name: string;
  /** DuckDB type name. */
  type: string;
  role: SemanticRole;
  /** Recognised from the name and values. */
  unit?: "currency" | "percentage";
  nullShare: number;
  distinct: number;
  /** True when `distinct` is an estimate (HyperLogLog) rather than exact. */
  distinctApprox: boolean;
  numeric?: NumericStats;
  /** Most frequent values with their share of non-null rows; `complete` when these are all the values. */
  top?: TopValue[];
  topComplete?: boolean;
  /**
   * Every distinct non-null value, most frequent first, for text and boolean columns with at most
   * VALUES_MAX_DISTINCT (200) of them; absent otherwise (and in profiles made before it existed).
   */
  values?: Cell[];
  time?: { min: string; max: string; grain: TimeGrain };
}

export interface DataDna {
  table: string;
  sourceFile: string;
  version: number;
  rowCount: number;
  columnCount: number;
  columns: ColumnProfile[];
  baselines: {
    /** Overall share of each value of status-like columns. */
    rates: Array<{ column: string; value: Cell; share: number }>;
    /** Overall mean of each measure. */
    means: Array<{ column: string; mean: number }>;
  };
  /** The main time column, when there is one. */
  timeColumn: string | null;
  /**
   * How this table's columns meet the channel's other tables (either side), found at ingestion and refreshed
   * whenever a table of the channel is published; empty for a channel's only table and in older profiles.
   */
  relationships: TableRelationship[];
  sample: Array<Record<string, Cell>>;
  profiledAt: string;
}

export interface ColumnRef {
  table: string;
  column: string;
}

/**
 * A column whose values are found in another table's key-like column: `from` (e.g. flights.origin) can be
 * joined to `to` (airports.iata) to reach the columns of `to`'s table.
 */
export interface TableRelationship {
  from: ColumnRef;
  /** A unique (or near-unique) column of another table. */
  to: ColumnRef;
  /** Share of `from`'s non-null values (over the rows checked) found among `to`'s values, 0–1. */
  matchRate: number;
  /**
   * many-to-one: `from` repeats values, each found once in `to`; one-to-one: both sides unique;
   * many-to-many: `to` is near-unique only, so a join can repeat a few rows.
   */
  cardinality: "one-to-one" | "many-to-one" | "many-to-many";
  /** Non-null `from` values checked: every row, or a sample of a big table. */
  checkedRows: number;
  /** Distinct `from` values among the rows checked, and how many of them `to` holds. */
  distinctChecked: number;
  distinctMatched: number;
}
