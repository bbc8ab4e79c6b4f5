// Runs one guarded query with a time limit (interrupt) and row/byte caps, reporting any truncation.
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserInputError } from "../../util/index.js";
import { JSDuckDBValueConverter } from "../duckdb.js";
import type { SqlValue } from "./builder.js";
import { firstLine, guardSql } from "./guard.js";
import { type Cell, toCell } from "./values.js";

export interface QueryLimits {
  /** Interrupt the query after this long. @defaultValue 30000 */
  timeoutMs: number;
  /** Keep at most this many rows. @defaultValue 10000 */
  maxRows: number;
  /** Keep at most this many bytes of cell text. @defaultValue 8 MiB */
  maxBytes: number;
}

export interface QueryResult {
  sql: string;
  columns: string[];
  /** DuckDB type names, one per column (VARCHAR, DOUBLE, DATE, …). */
  types: string[];
  rows: Cell[][];
  /** Rows kept (equals rows.length). */
  rowCount: number;
  /** Set when rows were dropped: why, and how many rows were kept. */
  truncated: { reason: "rows" | "bytes"; kept: number } | null;
  elapsedMs: number;
}

export class QueryTimeoutError extends UserInputError {}

/** Guards, runs and reads `sql` with `params` bound to its `$n`; the connection stays usable after a timeout. */
export async function runQuery(
  connection: DuckDBConnection,
  sql: string,
  limits: QueryLimits,
  params: readonly SqlValue[] = [],
): Promise<QueryResult> {
  await guardSql(connection, sql);
  const started = performance.now();
  return withTimeLimit(connection, limits.timeoutMs, async () => {
    const result = await connection.stream(sql, [...params]);
    const columns = result.columnNames();
    const types = result.columnTypes().map((type) => type.toString());
    const rows: Cell[][] = [];
    let bytes = 0;
    let truncated: QueryResult["truncated"] = null;
    reading: for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (const raw of chunk.convertRows(JSDuckDBValueConverter)) {
        if (rows.length >= limits.maxRows) {
          truncated = { reason: "rows", kept: rows.length };
          break reading;
        }
        const row = raw.map((value, index) => toCell(value, types[index]));
        bytes += rowBytes(row);
        if (bytes > limits.maxBytes) {
          truncated = { reason: "bytes", kept: rows.length };
          break reading;
        }
        rows.push(row);
      }
    }
    return { sql, columns, types, rows, rowCount: rows.length, truncated, elapsedMs: performance.now() - started };
  });
}

/**
 * Runs `fn` (statements on `connection`) and interrupts it after `timeoutMs`; a timeout becomes
 * QueryTimeoutError and any other DuckDB failure a UserInputError naming the first line of the error.
 */
export async function withTimeLimit<T>(
  connection: DuckDBConnection,
  timeoutMs: number,
  fn: () => Promise<T>,
): Promise<T> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    connection.interrupt();
  }, timeoutMs);
  try {
    return await fn();
  } catch (error) {
    if (timedOut) {
      throw new QueryTimeoutError("sql_timeout", `The query was stopped after ${seconds(timeoutMs)} (time limit).`, {
        cause: error,
        hint: "Narrow it with a filter or aggregate before joining, then ask again.",
      });
    }
    if (error instanceof UserInputError) throw error;
    throw new UserInputError("sql_failed", `The query failed: ${firstLine(error)}`, {
      cause: error,
      hint: "Check the table and column names (see /insightx tables).",
    });
  } finally {
    clearTimeout(timer);
  }
}

const seconds = (ms: number) =>
  ms < 10_000 ? `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s` : `${Math.round(ms / 1000)} s`;

function rowBytes(row: Cell[]): number {
  let total = 8;
  for (const cell of row) total += typeof cell === "string" ? cell.length + 2 : 8;
  return total;
}
