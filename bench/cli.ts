// Benchmark: start-up to exit of the built `insightx` command (dist/cli/main.js), next to `node -e 0` and a bare
// Node + DuckDB `select 1` (and the `duckdb` CLI when one is installed), plus what PGlite's boot costs `ask`.
// Run: npm run bench:cli (builds first)   Env: BENCH_RUNS (default 15), DATABASE_URL (adds ask on PostgreSQL).
// Targets (p50): --help ≤ 150 ms, tables ≤ 300 ms, sql "select 1" ≤ 400 ms, ask on the rule planner ≤ 1.5 s.
import { execFileSync, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const MAIN = path.resolve("dist/cli/main.js");
const CARS = path.resolve("node_modules/vega-datasets/data/cars.json");
if (!existsSync(MAIN)) throw new Error("dist/cli/main.js is missing: run `npm run build` (npm run bench:cli does)");

const dataDir = mkdtempSync(path.join(tmpdir(), "insightx-bench-cli-"));
const baseEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  LOG_LEVEL: "silent",
  LLM_API_KEYS: "",
  DATABASE_URL: "",
  REDIS_URL: "",
  SANDBOX: process.env.SANDBOX ?? "bwrap",
};

interface Case {
  name: string;
  argv: string[];
  env?: NodeJS.ProcessEnv;
  targetMs?: number;
  /** Varies per run (a fresh thread, so an ask is never read as a follow-up of the last). */
  perRun?: (i: number) => string[];
}

/** CPU time (user + system) of a child comes from GNU time when it is installed: less swayed by a busy machine. */
const TIME = ["/usr/bin/time"].find((bin) => existsSync(bin));

function runOnce(c: Case, i: number): { wall: number; cpu: number | null } {
  const argv = [...c.argv, ...(c.perRun?.(i) ?? [])];
  const timed = TIME ? [TIME, "-f", "CPU %U %S", ...argv] : argv;
  const started = performance.now();
  const result = spawnSync(timed[0]!, timed.slice(1), { env: c.env ?? baseEnv, stdio: ["ignore", "ignore", "pipe"] });
  const wall = performance.now() - started;
  if (result.status !== 0)
    throw new Error(`${c.name} failed (${result.status}): ${String(result.stderr).slice(0, 500)}`);
  const cpu = /CPU (\d+\.\d+) (\d+\.\d+)\s*$/.exec(String(result.stderr));
  return { wall, cpu: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

// Set-up: a channel with one table, and a first ask so PGlite's one-time initdb is not measured.
const cli = (...args: string[]) => execFileSync(process.execPath, [MAIN, ...args], { env: baseEnv, stdio: "pipe" });
cli("ingest", CARS);
cli("ask", "Average horsepower by origin", "--thread", "bench-warm-up", "--out", path.join(dataDir, "out"));

const duckdbCli = ["duckdb", path.resolve("node_modules/.bin/duckdb")].find(
  (bin) => spawnSync(bin, ["-c", "select 1"], { stdio: "ignore" }).status === 0,
);
const bareDuckdb =
  "require('@duckdb/node-api').DuckDBInstance.create(':memory:').then(async (i) => { const c = await i.connect(); await c.run('select 1'); c.closeSync(); i.closeSync(); })";
const ask = (name: string, env: NodeJS.ProcessEnv = baseEnv, targetMs?: number): Case => ({
  name,
  argv: [process.execPath, MAIN, "ask", "Average horsepower by origin", "--out", path.join(dataDir, "out")],
  perRun: (i) => ["--thread", `bench-${i}`],
  env,
  ...(targetMs ? { targetMs } : {}),
});
const cases: Case[] = [
  { name: "node -e 0", argv: [process.execPath, "-e", "0"] },
  { name: "node + DuckDB select 1 (floor)", argv: [process.execPath, "-e", bareDuckdb] },
  ...(duckdbCli ? [{ name: 'duckdb -c "select 1"', argv: [duckdbCli, "-c", "select 1"] }] : []),
  { name: "insightx --help", argv: [process.execPath, MAIN, "--help"], targetMs: 150 },
  { name: "insightx tables", argv: [process.execPath, MAIN, "tables"], targetMs: 300 },
  { name: 'insightx sql "select 1"', argv: [process.execPath, MAIN, "sql", "select 1"], targetMs: 400 },
  ask("insightx ask (rule planner, PGlite)", baseEnv, 1_500),
  {
    name: "PGlite boot (open + migrations check)",
    argv: [
      process.execPath,
      "--input-type=module",
      "-e",
      `const { createStore } = await import(${JSON.stringify(path.resolve("dist/store/index.js"))});
       const t = performance.now(); const s = await createStore({ config: { DATA_DIR: process.env.DATA_DIR } });
       process.stderr.write(String(performance.now() - t)); await s.close();`,
    ],
  },
];

// With a PostgreSQL server, the same ask with the store there: the difference is what PGlite's boot costs.
let schema: string | null = null;
const admin = process.env.DATABASE_URL ? new pg.Client({ connectionString: process.env.DATABASE_URL }) : null;
if (admin) {
  try {
    await admin.connect();
    schema = `bench_cli_${randomUUID().replaceAll("-", "")}`;
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const env = { ...baseEnv, DATABASE_URL: url.toString() };
    execFileSync(process.execPath, [MAIN, "ask", "Average horsepower by origin", "--thread", "pg-warm-up"], {
      env,
      stdio: "ignore",
    });
    cases.push(ask("insightx ask (rule planner, PostgreSQL)", env));
  } catch (error) {
    console.warn(`PostgreSQL at DATABASE_URL not used: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// Interleaved rounds: a busy moment on the shared machine slows every command alike, not one.
const times = new Map(cases.map((c) => [c.name, [] as number[]]));
const cpuTimes = new Map(cases.map((c) => [c.name, [] as number[]]));
const pgliteBoot: number[] = [];
for (let round = 0; round < RUNS; round++) {
  for (const c of cases) {
    if (c.name.startsWith("PGlite boot")) {
      const result = spawnSync(c.argv[0]!, c.argv.slice(1), { env: baseEnv, stdio: ["ignore", "ignore", "pipe"] });
      if (result.status !== 0) throw new Error(`PGlite boot failed: ${String(result.stderr).slice(0, 500)}`);
      pgliteBoot.push(Number(String(result.stderr)));
      continue;
    }
    const { wall, cpu } = runOnce(c, round);
    times.get(c.name)!.push(wall);
    if (cpu !== null) cpuTimes.get(c.name)!.push(cpu);
  }
}

const nodeP50 = p(
  times.get("node -e 0")!.sort((a, b) => a - b),
  0.5,
);
console.log(
  `insightx start-up to exit, ${RUNS} interleaved runs each, ${cpus().length} CPUs, load average ${loadavg()[0]!.toFixed(2)} (Node ${process.version})`,
);
console.log(
  `${"command".padEnd(42)}${"p50 ms".padStart(9)}${"p90 ms".padStart(9)}${"× node".padStart(8)}${"CPU p50".padStart(9)}  target (p50)`,
);
let missed = 0;
for (const c of cases) {
  if (c.name.startsWith("PGlite boot")) continue;
  const sorted = times.get(c.name)!.sort((a, b) => a - b);
  const p50 = p(sorted, 0.5);
  const verdict = c.targetMs === undefined ? "" : `≤ ${c.targetMs} ${p50 <= c.targetMs ? "ok" : "MISSED"}`;
  if (c.targetMs !== undefined && p50 > c.targetMs) missed++;
  const cpu = cpuTimes.get(c.name)!.sort((a, b) => a - b);
  const cpuP50 = cpu.length > 0 ? p(cpu, 0.5).toFixed(0) : "—";
  console.log(
    `${c.name.padEnd(42)}${p50.toFixed(0).padStart(9)}${p(sorted, 0.9).toFixed(0).padStart(9)}${(p50 / nodeP50).toFixed(1).padStart(8)}${cpuP50.padStart(9)}  ${verdict}`,
  );
}
if (!duckdbCli) console.log("(no duckdb CLI in PATH or node_modules/.bin: the npm package set has none)");
const boot = p(
  pgliteBoot.sort((a, b) => a - b),
  0.5,
);
const askP50 = p(times.get("insightx ask (rule planner, PGlite)")!, 0.5);
console.log(
  `PGlite boot inside a process (open + migrations check): p50 ${boot.toFixed(0)} ms = ${((100 * boot) / askP50).toFixed(0)}% of ask's p50`,
);
const askPg = times.get("insightx ask (rule planner, PostgreSQL)");
if (askPg) {
  const pgP50 = p(askPg, 0.5);
  console.log(
    `ask with the store on PostgreSQL instead: p50 ${pgP50.toFixed(0)} ms (${(askP50 - pgP50).toFixed(0)} ms less)`,
  );
}
if (missed > 0) console.log(`${missed} target(s) missed on this run (a loaded machine raises every figure).`);

if (admin) {
  if (schema) await admin.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
  await admin.end().catch(() => undefined);
}
rmSync(dataDir, { recursive: true, force: true });
