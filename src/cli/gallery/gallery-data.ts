// What the gallery's cases compute with: the channel's tables, guarded DuckDB queries and the Python sandbox.
import type { ResultTable } from "../../charts/index.js";
import { type ChannelRef, type DataEngine, type QueryResult, quoteIdent } from "../../data/index.js";
import { frameFromQuery } from "../../pipeline/index.js";
import type { Sandbox } from "../../sandbox/index.js";

export interface GalleryData {
  /** The quoted name of the table ingested from a vega-datasets file, e.g. "cars.json" -> "cars". */
  table(file: string): string;
  /** Runs a guarded SELECT on the gallery channel. */
  query(sql: string): Promise<QueryResult>;
  /** Runs Python over `df` (a query's rows) in the sandbox and returns its `result`. */
  python(code: string, df: QueryResult): Promise<unknown>;
}

export interface GalleryDataDeps {
  engine: DataEngine;
  ref: ChannelRef;
  tables: Map<string, string>;
  sandbox: () => Promise<Sandbox>;
}

export function galleryData(deps: GalleryDataDeps): GalleryData {
  return {
    table(file) {
      const name = deps.tables.get(file);
      if (!name) throw new Error(`the gallery did not load ${file}`);
      return quoteIdent(name);
    },
    query: (sql) => deps.engine.query(deps.ref, sql),
    async python(code, df) {
      const sandbox = await deps.sandbox();
      const run = await sandbox.run({ code, frames: { df: frameFromQuery(df) } });
      if (run.error) throw new Error(`the gallery's Python failed: ${run.error}`);
      return run.result;
    },
  };
}

/** A query's rows as the table a chart reads. */
export function tableOf(result: QueryResult): ResultTable {
  return { columns: result.columns, types: result.types, rows: result.rows };
}

/** The first row of a query as numbers by column name (stats rows: r, n, slope…). */
export function numbersOf(result: QueryResult): Record<string, number> {
  const row = result.rows[0] ?? [];
  return Object.fromEntries(result.columns.map((name, i) => [name, Number(row[i])]));
}
