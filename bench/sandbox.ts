// Sandbox benchmark: job start overhead vs spawning python per job, and the 1M x 5 frame handoff.
// Run with `npx tsx bench/sandbox.ts` (SANDBOX, PYTHON_BIN and friends come from the environment).
import { spawn } from "node:child_process";
import { loadConfig } from "../src/config/index.js";
import { createSandbox, type Frame } from "../src/sandbox/index.js";
import { createLogger } from "../src/util/index.js";

const JOBS = 200;
const SPAWNS = 10;
const ROWS = 1_000_000;

const now = () => performance.timeOrigin + performance.now();
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

function spawnImportPandas(pythonBin: string): Promise<number> {
  const started = now();
  return new Promise((resolve, reject) => {
    const child = spawn(pythonBin, ["-c", "import pandas"], { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(now() - started) : reject(new Error(`exit ${code}`))));
  });
}

function bigFrame(rows: number): Frame {
  const price = new Float64Array(rows);
  const qty = new Array<number>(rows);
  const city = new Array<string>(rows);
  const at = new Array<Date>(rows);
  const cities = ["Zürich", "Lagos", "Osaka", "Lima", "Oslo", "Perth", "Quito", "Hanoi"];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    price[i] = (i % 1000) / 7;
    qty[i] = i % 97;
    city[i] = `${cities[i % cities.length]}-${i % 5000}`;
    at[i] = new Date(start + i * 60_000);
  }
  const score = Array.from({ length: rows }, (_, i) => (i % 13 === 0 ? null : i / 3));
  return {
    columns: [
      { name: "price", type: "number", values: price },
      { name: "qty", type: "integer", values: qty },
      { name: "city", type: "string", values: city },
      { name: "at", type: "timestamp", values: at },
      { name: "score", type: "number", values: score },
    ],
  };
}

const config = loadConfig();
const sandbox = await createSandbox({ config, logger: createLogger("warn") });
try {
  // Warm-up, then start overhead: submit -> the user's first line running (its own clock reading).
  for (let i = 0; i < 10; i++) await sandbox.run({ code: "1" });
  const starts: number[] = [];
  const roundTrips: number[] = [];
  for (let i = 0; i < JOBS; i++) {
    const submitted = now();
    const { result, error } = await sandbox.run({ code: "import time\nresult = time.time() * 1000" });
    if (error) throw new Error(error);
    starts.push((result as number) - submitted);
    roundTrips.push(now() - submitted);
  }
  const spawns: number[] = [];
  for (let i = 0; i < SPAWNS; i++) spawns.push(await spawnImportPandas(config.PYTHON_BIN));

  const frame = bigFrame(ROWS);
  const handoffs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const submitted = now();
    const { result, error } = await sandbox.run({
      code: "import time\nresult = [time.time() * 1000, len(df), str(df.dtypes.to_dict())]",
      frames: { df: frame },
    });
    if (error) throw new Error(error);
    handoffs.push((result as [number])[0] - submitted);
    if (i === 0) console.log(`handoff frame in the child: ${JSON.stringify((result as unknown[]).slice(1))}`);
  }

  const startP50 = percentile(starts, 50);
  const spawnP50 = percentile(spawns, 50);
  console.log(`mode: ${sandbox.mode}, pool size ${config.SANDBOX_POOL_SIZE}`);
  console.log(
    `job start overhead (submit -> user code running), ${JOBS} jobs: p50 ${ms(startP50)}, p95 ${ms(percentile(starts, 95))}`,
  );
  console.log(
    `job round trip (submit -> result in Node): p50 ${ms(percentile(roundTrips, 50))}, p95 ${ms(percentile(roundTrips, 95))}`,
  );
  console.log(
    `spawn python3 -c "import pandas" per job, ${SPAWNS} runs: p50 ${ms(spawnP50)}, p95 ${ms(percentile(spawns, 95))}`,
  );
  console.log(
    `ratio spawn / fork-server start: ${(spawnP50 / startP50).toFixed(1)}x (target >= 30x; start p50 target <= 20 ms)`,
  );
  console.log(
    `1M x 5 handoff (Node frame -> pandas DataFrame ready in the child): best ${ms(Math.min(...handoffs))}, runs ${handoffs.map(ms).join(", ")} (target <= 500 ms)`,
  );
} finally {
  await sandbox.close();
}
