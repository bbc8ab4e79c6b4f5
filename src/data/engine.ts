// The data engine other folders use: ingest files, list tables and their DNA, run guarded SQL, read frames.
import type { Config } from "../config/index.js";
import { UserInputError } from "../util/index.js";
import { type DatasetEntry, listCatalog } from "./catalog.js";
import { ChannelDatabases } from "./channel-databases.js";
import type { ChannelRef } from "./channel-key.js";
import type { DataDna } from "./dna/types.js";
import { type IngestedTable, type IngestProgress, ingestFile } from "./ingest/ingest.js";
import { build, ident, type SqlQuery, STAR, select, textQuery, withRowLimit } from "./sql/builder.js";
import { guardSql } from "./sql/guard.js";
import { type QueryLimits, type QueryResult, runQuery, withTimeLimit } from "./sql/runner.js";

export interface DataEngineDeps {
  config: Config;
  /** Runs inside each ingestion's transaction (e.g. recording the dataset in the store). */
  onIngested?: (ref: ChannelRef, tables: IngestedTable[]) => Promise<void>;
}

export interface ColumnarResult {
  columns: Array<{ name: string; type: string; values: unknown[] }>;
  rowCount: number;
}

export class DataEngine {
  readonly databases: ChannelDatabases;
  private readonly config: Config;

  constructor(private readonly deps: DataEngineDeps) {
    this.config = deps.config;
    this.databases = new ChannelDatabases(this.config.DATA_DIR, {
      memoryLimit: this.config.DUCKDB_MEMORY_LIMIT,
      threads: this.config.DUCKDB_THREADS,
      maxTempSize: this.config.DUCKDB_MAX_TEMP_SIZE,
    });
  }

  ingest(ref: ChannelRef, file: { path: string; name: string }, onProgress?: IngestProgress): Promise<IngestedTable[]> {
    return ingestFile(
      {
        databases: this.databases,
        dataDir: this.config.DATA_DIR,
        limits: {
          maxBytes: this.config.MAX_UPLOAD_BYTES,
          maxRows: this.config.MAX_INGEST_ROWS,
          maxColumns: this.config.MAX_COLUMNS,
        },
        ...(this.deps.onIngested
          ? { beforeCommit: (tables: IngestedTable[]) => this.deps.onIngested!(ref, tables) }
          : {}),
        ...(onProgress ? { onProgress } : {}),
      },
      ref,
      file,
    );
  }

  /** Every dataset of the channel, current ones first; previous versions stay queryable as `<name>_v<N>`. */
  datasets(ref: ChannelRef): Promise<DatasetEntry[]> {
    return this.databases.read(ref, (connection) => listCatalog(connection));
  }

  /** Data DNA of the channel's current tables (all of them, or one by name). */
  async dna(ref: ChannelRef, table?: string): Promise<DataDna[]> {
    const entries = await this.datasets(ref);
    const chosen =
      table === undefined ? entries.filter((e) => e.status === "active") : entries.filter((e) => e.tableName === table);
    if (table !== undefined && chosen.length === 0) {
      const known = entries.filter((e) => e.status === "active").map((e) => e.tableName);
      throw new UserInputError("unknown_table", `There is no table named ${table} in this channel.`, {
        hint:
          known.length > 0 ? `Tables here: ${known.join(", ")}.` : "Upload a CSV, Excel, JSON or Parquet file first.",
      });
    }
    return chosen.map((entry) => entry.dna);
  }

  /** Runs a guarded SELECT (text, or text with bound parameters) on the channel's locked-down connection. */
  query(ref: ChannelRef, sql: string | SqlQuery, limits?: Partial<QueryLimits>): Promise<QueryResult> {
    const query = typeof sql === "string" ? textQuery(sql) : sql;
    return this.databases.read(ref, (connection) =>
      runQuery(connection, query.text, { ...this.queryLimits(), ...limits }, query.params),
    );
  }

  /** Reads a guarded query (or a whole table) column by column, for the Python worker's frames; time-limited like `query`. */
  readColumns(
    ref: ChannelRef,
    source: { sql: string | SqlQuery } | { table: string },
    maxRows?: number,
  ): Promise<ColumnarResult> {
    const query =
      "sql" in source
        ? typeof source.sql === "string"
          ? textQuery(source.sql)
          : source.sql
        : build(select({ select: [STAR], from: ident(source.table) }));
    return this.databases.read(ref, async (connection) => {
      await guardSql(connection, query.text);
      const limited = maxRows === undefined ? query : withRowLimit(query, Math.floor(maxRows));
      const reader = await withTimeLimit(connection, this.config.SQL_TIMEOUT_MS, () =>
        connection.runAndReadAll(limited.text, [...limited.params]),
      );
      const names = reader.columnNames();
      const types = reader.columnTypes().map((type) => type.toString());
      const values = reader.getColumnsJS();
      return {
        columns: names.map((name, i) => ({ name, type: types[i]!, values: values[i] ?? [] })),
        rowCount: reader.currentRowCount,
      };
    });
  }

  forget(ref: ChannelRef): Promise<void> {
    return this.databases.forget(ref);
  }

  close(): Promise<void> {
    return this.databases.close();
  }

  private queryLimits(): QueryLimits {
    return {
      timeoutMs: this.config.SQL_TIMEOUT_MS,
      maxRows: this.config.SQL_MAX_ROWS,
      maxBytes: this.config.SQL_MAX_BYTES,
    };
  }
}
