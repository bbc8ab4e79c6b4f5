// Benchmark: render time (spec build + Vega-Lite compile + Vega render + PNG encode) of a 50-bar chart at 2x.
// Run: npx tsx bench/charts.ts [renders]   Target: p50 <= 60 ms.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { buildChartSpec, type ResultTable, renderChartPng } from "../src/charts/index.js";

const RENDERS = Number(process.argv[2] ?? 50);
const WARM_UP = 5;
const TARGET_P50_MS = 60;

const table: ResultTable = {
  columns: ["product_name", "total_revenue_usd"],
  types: ["VARCHAR", "DOUBLE"],
  rows: Array.from({ length: 50 }, (_, i) => [
    `Product line ${String.fromCharCode(65 + (i % 26))}-${i}`,
    1_000 + i * 2_750.5,
  ]),
};

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timeOne(): Promise<{ total: number; cpu: number; build: number; bytes: number }> {
  const startCpu = cpuMs();
  const start = performance.now();
  const spec = buildChartSpec(table);
  if (!spec) throw new Error("the benchmark table produced no chart");
  const built = performance.now();
  const png = await renderChartPng(spec);
  return { total: performance.now() - start, cpu: cpuMs() - startCpu, build: built - start, bytes: png.length };
}

for (let i = 0; i < WARM_UP; i++) await timeOne();
const totals: number[] = [];
const builds: number[] = [];
const cpuTimes: number[] = [];
let bytes = 0;
for (let i = 0; i < RENDERS; i++) {
  const run = await timeOne();
  totals.push(run.total);
  builds.push(run.build);
  cpuTimes.push(run.cpu);
  bytes = run.bytes;
}
totals.sort((a, b) => a - b);
builds.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
const p50 = percentile(totals, 50);
const spec = buildChartSpec(table)!;
mkdirSync("out", { recursive: true });
writeFileSync("out/bench-50-bars.png", await renderChartPng(spec));

console.log(`charts: 50-bar chart, scale 2, ${RENDERS} renders after ${WARM_UP} warm-up`);
console.log(
  `  render p50  ${p50.toFixed(1)} ms   (target <= ${TARGET_P50_MS} ms: ${p50 <= TARGET_P50_MS ? "met" : "missed"})`,
);
console.log(`  render p95  ${percentile(totals, 95).toFixed(1)} ms`);
console.log(
  `  CPU time p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(cpuTimes, 95).toFixed(1)} ms (this process, all threads)`,
);
const [load1] = loadavg();
console.log(`  machine: ${cpus().length} cores, load average ${load1!.toFixed(1)} (wall times inflate under load)`);
console.log(`  spec build p50 ${percentile(builds, 50).toFixed(2)} ms   PNG ${(bytes / 1024).toFixed(0)} KiB`);
console.log("  wrote out/bench-50-bars.png");
