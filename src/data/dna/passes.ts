// The two profiling scans: one aggregate row for every column, then value frequencies and sampled quantiles.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent } from "../ingest/table-names.js";
import { ID_NAME, isNumericType, isTemporalType, isTextType } from "./roles.js";

export type Row = Record<string, unknown>;
export interface ColumnInfo {
  name: string;
  type: string;
}

const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/;
/** Quantiles are exact up to this many rows; beyond, exact over a deterministic sample of about this size. */
const QUANTILE_SAMPLE_ROWS = 200_000;
/** Up to this many profiled columns, pass 2 runs one subquery per column. */
const NARROW_COLUMNS = 24;
/** Aggregates per statement, so very wide tables do not build one enormous plan (or run out of memory). */
const AGGREGATES_PER_STATEMENT = 200;

/**
 * Pass 1, one scan: row count, and per column non-null count, HyperLogLog distinct count, numeric
 * min/max/mean/std and whole-number check, temporal range and grain markers, text length.
 * Keys: `n`, `c<i>_<stat>`.
 */
export async function aggregatePass(connection: DuckDBConnection, table: string, columns: ColumnInfo[]): Promise<Row> {
  const parts = ["count(*) AS n"];
  columns.forEach(({ name, type }, i) => {
    const c = quoteIdent(name);
    parts.push(`count(${c}) AS c${i}_n`);
    // Distinct counts over every row only where roles depend on them (text; id-like numbers). Other numbers
    // and times get theirs from the quartile sample in pass 2: HyperLogLog is the costliest aggregate here.
    if (needsFullDistinct(name, type)) parts.push(`approx_count_distinct(${c}) AS c${i}_d`);
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
  const row: Row = {};
  for (let start = 1; start < parts.length || start === 1; start += AGGREGATES_PER_STATEMENT * 4) {
    const batch = ["count(*) AS n", ...parts.slice(start, start + AGGREGATES_PER_STATEMENT * 4)];
    const reader = await connection.runAndReadAll(`SELECT ${batch.join(", ")} FROM ${quoteIdent(table)}`);
    Object.assign(row, reader.getRowObjectsJS()[0]);
  }
  return row;
}

/** Whether pass 1 counts a column's distinct values over every row. */
export function needsFullDistinct(name: string, type: string): boolean {
  if (isTemporalType(type)) return false;
  if (isNumericType(type)) return ID_NAME.test(name);
  return true;
}

export interface FrequencyRequest {
  index: number;
  name: string;
  /** Exact counts of every value (few distinct values), or an approximate top-k. */
  exact: boolean;
  topK: number;
}

/**
 * Pass 2: exact value counts or approx_top_k per column, and quartiles of numeric columns, exact over
 * the whole table when small, else over a deterministic sample of rows chosen by hash(rowid).
 * Narrow tables use one GROUP BY subquery per column (far cheaper than histogram() on millions of rows);
 * wide ones use plain aggregates in batches (a subquery per column costs planning time and memory).
 * Keys: `h<i>` (a list of {v, n}, or of values for approx_top_k), `q<i>` (three quartiles).
 */
export async function frequencyPass(
  connection: DuckDBConnection,
  table: string,
  rowCount: number,
  frequencies: FrequencyRequest[],
  numeric: Array<{ index: number; name: string }>,
  sampledDistinct: Array<{ index: number; name: string }> = [],
): Promise<Row> {
  const t = quoteIdent(table);
  const every = Math.max(1, Math.floor(rowCount / QUANTILE_SAMPLE_ROWS));
  const sample = every > 1 ? `${t} WHERE hash(rowid) % ${every} = 0` : t;
  const quartiles = (name: string) => `quantile_cont(${quoteIdent(name)}::DOUBLE, [0.25, 0.5, 0.75])`;
  const row: Row = {};
  const select = async (items: string[], from?: string) => {
    for (let start = 0; start < items.length; start += AGGREGATES_PER_STATEMENT) {
      const batch = items.slice(start, start + AGGREGATES_PER_STATEMENT).join(", ");
      const reader = await connection.runAndReadAll(`SELECT ${batch}${from ? ` FROM ${from}` : ""}`);
      Object.assign(row, reader.getRowObjectsJS()[0]);
    }
  };
  if (frequencies.length + numeric.length <= NARROW_COLUMNS) {
    const items = frequencies.map(({ index, name, exact, topK }) => {
      const c = quoteIdent(name);
      return exact
        ? `(SELECT list({'v': v, 'n': n}) FROM (SELECT ${c} AS v, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY ALL)) AS h${index}`
        : `(SELECT approx_top_k(${c}, ${topK}) FROM ${t}) AS h${index}`;
    });
    const sampled = [
      ...numeric.map((n) => `'q${n.index}': ${quartiles(n.name)}`),
      ...sampledDistinct.map((d) => `'d${d.index}': approx_count_distinct(${quoteIdent(d.name)})`),
    ];
    if (sampled.length > 0) items.push(`(SELECT {${sampled.join(", ")}} FROM ${sample}) AS quartiles`);
    await select(items);
    if (row.quartiles) Object.assign(row, row.quartiles as Row);
    return row;
  }
  await select(
    frequencies.map(({ index, name, exact, topK }) =>
      exact ? `histogram(${quoteIdent(name)}) AS h${index}` : `approx_top_k(${quoteIdent(name)}, ${topK}) AS h${index}`,
    ),
    t,
  );
  for (const { index, exact } of frequencies) {
    if (!exact) continue;
    const entries = (row[`h${index}`] as Array<{ key: unknown; value: unknown }> | null) ?? [];
    row[`h${index}`] = entries.map((entry) => ({ v: entry.key, n: entry.value }));
  }
  await select(
    [
      ...numeric.map(({ index, name }) => `${quartiles(name)} AS q${index}`),
      ...sampledDistinct.map(({ index, name }) => `approx_count_distinct(${quoteIdent(name)}) AS d${index}`),
    ],
    sample,
  );
  return row;
}
