// Opens a DataEngine on its own temp DATA_DIR and reads the channel's DuckDB catalog behind the guard.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Config, loadConfig } from "../../src/config/index.js";
import { type ChannelRef, DataEngine, type DataEngineDeps } from "../../src/data/index.js";

export const VEGA = path.resolve("node_modules/vega-datasets/data");
export const CHANNEL: ChannelRef = { teamId: "T1", channelId: "C1" };

export interface Harness {
  dir: string;
  config: Config;
  engine: DataEngine;
  /** Writes a fixture file into the temp dir and returns its path. */
  fixture(name: string, content: string | Uint8Array): Promise<string>;
  /** Ingests a file by path, naming it after its base name unless told otherwise. */
  ingest(filePath: string, name?: string, ref?: ChannelRef): ReturnType<DataEngine["ingest"]>;
  /** Tables DuckDB itself lists in the channel's main schema (not through the guard). */
  duckdbTables(ref?: ChannelRef): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function openHarness(
  env: Record<string, string> = {},
  deps: Omit<DataEngineDeps, "config"> = {},
): Promise<Harness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-data-"));
  const config = loadConfig({ DATA_DIR: dir, DUCKDB_MEMORY_LIMIT: "1GB", LOG_LEVEL: "silent", ...env });
  const engine = new DataEngine({ config, ...deps });
  const fixtures = path.join(dir, "fixtures");
  return {
    dir,
    config,
    engine,
    async fixture(name, content) {
      await mkdir(fixtures, { recursive: true });
      const file = path.join(fixtures, name);
      await writeFile(file, content);
      return file;
    },
    ingest(filePath, name = path.basename(filePath), ref = CHANNEL) {
      return engine.ingest(ref, { path: filePath, name });
    },
    duckdbTables(ref = CHANNEL) {
      return engine.databases.read(ref, async (connection) => {
        const reader = await connection.runAndReadAll(
          "SELECT schema_name || '.' || table_name AS t FROM duckdb_tables() ORDER BY t",
        );
        return reader.getRowObjectsJS().map((row) => String(row.t));
      });
    },
    async cleanup() {
      await engine.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs SQL on a throwaway in-memory DuckDB (to write Parquet fixtures and the like). */
export async function withScratchDuckDb(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
