// Relationship detection cost: flights-3m ingested next to airports.csv (origin/destination → iata), side by side
// with the refresh alone on the same channel. Usage: npm run bench:relationships
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadConfig } from "../src/config/index.js";
import { listCatalog } from "../src/data/catalog.js";
import { detectRelationships, refreshRelationships } from "../src/data/dna/relationships.js";
import { channelRelationships, DataEngine } from "../src/data/index.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const data = path.resolve(import.meta.dirname, "../node_modules/vega-datasets/data");
const ref = { teamId: "bench", channelId: "relationships" };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-bench-rel-"));
const engine = new DataEngine({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }) });
try {
  await engine.ingest(ref, { path: path.join(data, "airports.csv"), name: "airports.csv" });
  const ingestMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    // The same name each run: the table is replaced, so its pairs are checked again every time.
    await engine.ingest(ref, { path: path.join(data, "flights-3m.parquet"), name: "flights-3m.parquet" });
    ingestMs.push(performance.now() - started);
  }
  const relationships = channelRelationships(await engine.dna(ref));
  const refreshMs: number[] = [];
  const detectMs: number[] = [];
  await engine.databases.write(ref, async (connection) => {
    for (let run = 0; run < RUNS; run++) {
      let started = performance.now();
      await connection.run("BEGIN TRANSACTION");
      await refreshRelationships(connection, ["flights_3m"]);
      await connection.run("ROLLBACK");
      refreshMs.push(performance.now() - started);
      started = performance.now();
      await detectRelationships(connection, await activeDna(connection), {
        changed: new Set(["flights_3m"]),
        previous: [],
      });
      detectMs.push(performance.now() - started);
    }
  });
  // The channel bench:ingest measures: flights-3m alone (no other table, nothing to check).
  const alone = { teamId: "bench", channelId: "alone" };
  await engine.ingest(alone, { path: path.join(data, "flights-3m.parquet"), name: "flights-3m.parquet" });
  const aloneMs: number[] = [];
  await engine.databases.write(alone, async (connection) => {
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await connection.run("BEGIN TRANSACTION");
      await refreshRelationships(connection, ["flights_3m"]);
      await connection.run("ROLLBACK");
      aloneMs.push(performance.now() - started);
    }
  });
  const ingest = median(ingestMs);
  const refresh = median(refreshMs);
  console.log(`flights-3m ingested next to airports.csv (median of ${RUNS}): ${ingest.toFixed(0)} ms`);
  console.log(
    `relationship refresh inside it: ${refresh.toFixed(1)} ms (${((100 * refresh) / ingest).toFixed(2)}% of the ingestion); detection alone ${median(detectMs).toFixed(1)} ms`,
  );
  console.log(`relationship refresh for flights-3m alone in its channel: ${median(aloneMs).toFixed(1)} ms`);
  for (const r of relationships) {
    console.log(
      `  ${r.from.table}.${r.from.column} → ${r.to.table}.${r.to.column}: ${(r.matchRate * 100).toFixed(1)}% of ${r.checkedRows.toLocaleString("en-US")} rows checked, ${r.cardinality}`,
    );
  }
} finally {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
}

async function activeDna(connection: DuckDBConnection) {
  return (await listCatalog(connection)).filter((e) => e.status === "active").map((e) => e.dna);
}
