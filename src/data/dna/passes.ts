// The two profiling scans: one aggregate row for every column, then value frequencies and sampled quantiles.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent } from "../ingest/table-names.js";
import { isNumericType, isTemporalType, isTextType } from "./roles.js";

export type Row = Record<string, unknown>;
export interface ColumnInfo {
  name: string;
  type: string;
}

const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;
/** Quantiles are exact up to this many rows; beyond, exact over a deterministic sample of about this size. */
const QUANTILE_SAMPLE_ROWS = 200_000;
/** Frequency subqueries per statement, so very wide tables do not build one enormous plan. */
const SUBQUERIES_PER_STATEMENT = 64;

/**
 * Pass 1, one scan: row count, and per column non-null count, HyperLogLog distinct count, numeric
 * min/max/mean/std and whole-number check, temporal range and grain markers, text length.
 * Keys: `n`, `c<i>_<stat>`.
 */
export async function aggregatePass(connection: DuckDBConnection, table: string, columns: ColumnInfo[]): Promise<Row> {
  const parts = ["count(*) AS n"];
  columns.forEach(({ name, type }, i) => {
    const c = quoteIdent(name);
    parts.push(`count(${c}) AS c${i}_n`, `approx_count_distinct(${c}) AS c${i}_d`);
    if (isNumericType(type)) {
      const d = `${c}::DOUBLE`;
      parts.push(
        `min(${d}) AS c${i}_min`,
        `max(${d}) AS c${i}_max`,
        `avg(${d}) AS c${i}_mean`,
        `stddev_samp(${d}) AS c${i}_std`,
      );
      // Integer types are whole by definition: only fractional types need the check.
      parts.push(INTEGER_TYPE.test(type) ? `true AS c${i}_int` : `bool_and(${d} = floor(${d})) AS c${i}_int`);
    } else if (isTemporalType(type)) {
      parts.push(`min(${c})::VARCHAR AS c${i}_min`, `max(${c})::VARCHAR AS c${i}_max`);
      if (type !== "DATE") {
        // Finest unit in use, from the epoch: 0 = whole days, 1 = hours, 2 = minutes, 3 = seconds or finer.
        const us = `epoch_us(${c}::TIMESTAMP)`;
        parts.push(
          `max(CASE WHEN ${us} % 86400000000 = 0 THEN 0 WHEN ${us} % 3600000000 = 0 THEN 1 WHEN ${us} % 60000000 = 0 THEN 2 ELSE 3 END) AS c${i}_unit`,
        );
      }
      const day = type === "DATE" ? c : `${c}::DATE`;
      parts.push(
        `bool_and(day(${day}) = 1) AS c${i}_d1`,
        `bool_and(day(${day}) = 1 AND month(${day}) IN (1, 4, 7, 10)) AS c${i}_q1`,
        `bool_and(day(${day}) = 1 AND month(${day}) = 1) AS c${i}_y1`,
        `min(dayofweek(${day})) = max(dayofweek(${day})) AS c${i}_dow1`,
      );
    } else if (isTextType(type)) {
      parts.push(`avg(length(${c})) AS c${i}_len`);
    }
  });
  const reader = await connection.runAndReadAll(`SELECT ${parts.join(", ")} FROM ${quoteIdent(table)}`);
  return reader.getRowObjectsJS()[0] as Row;
}

export interface FrequencyRequest {
  index: number;
  name: string;
  /** Exact counts of every value (few distinct values), or an approximate top-k. */
  exact: boolean;
  topK: number;
}

/**
 * Pass 2: exact value counts (a GROUP BY per column, far cheaper than histogram()) or approx_top_k,
 * and quartiles of numeric columns, exact over the whole table when small, else over a
 * deterministic sample of rows chosen by hash(rowid). Keys: `h<i>` (a list of {v, n} or of values), `q<i>`.
 */
export async function frequencyPass(
  connection: DuckDBConnection,
  table: string,
  rowCount: number,
  frequencies: FrequencyRequest[],
  numeric: Array<{ index: number; name: string }>,
): Promise<Row> {
  const t = quoteIdent(table);
  const subqueries = frequencies.map(({ index, name, exact, topK }) => {
    const c = quoteIdent(name);
    return exact
      ? `(SELECT list({'v': v, 'n': n}) FROM (SELECT ${c} AS v, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY ALL)) AS h${index}`
      : `(SELECT approx_top_k(${c}, ${topK}) FROM ${t}) AS h${index}`;
  });
  if (numeric.length > 0) {
    const every = Math.max(1, Math.floor(rowCount / QUANTILE_SAMPLE_ROWS));
    const where = every > 1 ? ` WHERE hash(rowid) % ${every} = 0` : "";
    const fields = numeric.map(
      ({ index, name }) => `'q${index}': quantile_cont(${quoteIdent(name)}::DOUBLE, [0.25, 0.5, 0.75])`,
    );
    subqueries.push(`(SELECT {${fields.join(", ")}} FROM ${t}${where}) AS quartiles`);
  }
  const row: Row = {};
  for (let start = 0; start < subqueries.length; start += SUBQUERIES_PER_STATEMENT) {
    const batch = subqueries.slice(start, start + SUBQUERIES_PER_STATEMENT);
    const reader = await connection.runAndReadAll(`SELECT ${batch.join(", ")}`);
    Object.assign(row, reader.getRowObjectsJS()[0]);
  }
  const quartiles = row.quartiles as Row | undefined;
  if (quartiles) Object.assign(row, quartiles);
  return row;
}
