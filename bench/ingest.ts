// Ingestion benchmark: flights-3m as a ~106 MB CSV, InsightX (upload → Data DNA ready) vs bare DuckDB vs pandas.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { loadConfig } from "../src/config/index.js";
import { DataEngine } from "../src/data/index.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PYTHON = process.env.BENCH_PYTHON ?? "/usr/bin/python3";
const root = path.resolve(import.meta.dirname, "..");
const parquet = path.join(root, "node_modules/vega-datasets/data/flights-3m.parquet");
const cacheDir = path.join(root, "bench/.cache");
const csv = path.join(cacheDir, "flights-3m.csv");
const sql = (text: string) => `'${text.replaceAll("'", "''")}'`;

async function withDuckDb<T>(file: string, fn: (run: (s: string) => Promise<void>) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file, { threads: String(loadConfig({}).DUCKDB_THREADS) });
  const connection = await instance.connect();
  try {
    return await fn(async (s) => {
      await connection.run(s);
    });
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Writes the CSV once; later runs reuse it. */
async function ensureCsv(): Promise<void> {
  if (existsSync(csv)) return;
  await mkdir(cacheDir, { recursive: true });
  const partial = `${csv}.partial`;
  await withDuckDb(":memory:", (run) =>
    run(`COPY (SELECT * FROM read_parquet(${sql(parquet)})) TO ${sql(partial)} (FORMAT csv, HEADER true)`),
  );
  await rename(partial, csv);
}

async function timeInsightX(): Promise<{ ms: number; rows: number; notes: string[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-bench-"));
  const engine = new DataEngine({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }) });
  try {
    const started = performance.now();
    const [table] = await engine.ingest({ teamId: "bench", channelId: "bench" }, { path: csv, name: "flights-3m.csv" });
    const ms = performance.now() - started;
    if (!table) throw new Error("ingestion produced no table");
    if (table.dna.columns.length !== 5) throw new Error("ingestion did not produce the DNA");
    return { ms, rows: table.rowCount, notes: table.notes };
  } finally {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function timeBareDuckDb(): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "duckdb-bench-"));
  try {
    const started = performance.now();
    await withDuckDb(path.join(dir, "bare.duckdb"), (run) =>
      run(`CREATE TABLE t AS SELECT * FROM read_csv(${sql(csv)})`),
    );
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** pandas read_csv + describe, timed inside Python (interpreter start and `import pandas` not counted). */
function timePandas(): number {
  const script = [
    "import sys, time",
    "import pandas as pd",
    "t = time.perf_counter()",
    "df = pd.read_csv(sys.argv[1])",
    "df.describe(include='all')",
    "print((time.perf_counter() - t) * 1000)",
  ].join("\n");
  const result = spawnSync(PYTHON, ["-c", script, csv], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pandas failed: ${result.stderr}`);
  return Number(result.stdout.trim());
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

await ensureCsv();
console.log(`file: ${csv} (${(statSync(csv).size / 1024 ** 2).toFixed(1)} MiB), ${RUNS} runs each, medians`);
const times = { insightx: [] as number[], duckdb: [] as number[], pandas: [] as number[] };
for (let run = 1; run <= RUNS; run++) {
  const insight = await timeInsightX();
  times.insightx.push(insight.ms);
  times.duckdb.push(await timeBareDuckDb());
  times.pandas.push(timePandas());
  console.log(
    `run ${run}: InsightX ${s(insight.ms)} (${insight.rows.toLocaleString("en-US")} rows), ` +
      `DuckDB ${s(times.duckdb.at(-1)!)}, pandas ${s(times.pandas.at(-1)!)}`,
  );
}
const insightx = median(times.insightx);
const duckdb = median(times.duckdb);
const pandas = median(times.pandas);
console.log(`InsightX ingest → Data DNA ready: ${s(insightx)}`);
console.log(`DuckDB bare CREATE TABLE AS read_csv: ${s(duckdb)}`);
console.log(`pandas read_csv + describe: ${s(pandas)}`);
console.log(`InsightX / DuckDB = ${(insightx / duckdb).toFixed(2)}× (target ≤ 1.5×)`);
console.log(`pandas / InsightX = ${(pandas / insightx).toFixed(2)}× faster (target ≥ 2×)`);
