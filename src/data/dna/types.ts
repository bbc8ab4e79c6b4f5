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
  sample: Array<Record<string, Cell>>;
  profiledAt: string;
}
