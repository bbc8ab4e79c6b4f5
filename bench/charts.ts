// Benchmark: render time (spec build + Vega-Lite compile + Vega render + PNG encode at 2x) of a 50-bar chart, the
// same 50 groups as a ranking (value labels), and a 2,000-point scatter with its fitted line; run interleaved so
// load on the machine hits all three alike.
// Run: npm run bench:charts [renders]   Targets: 50 bars p50 <= 60 ms, 2,000-point scatter p50 <= 150 ms.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import {
  buildChartSpec,
  type ChartRequest,
  chartForRequest,
  type ResultTable,
  renderChartPng,
  type VegaLiteSpec,
} from "../src/charts/index.js";

const RENDERS = Number(process.argv[2] ?? 50);
const WARM_UP = 5;

const bars: ResultTable = {
  columns: ["product_name", "total_revenue_usd"],
  types: ["VARCHAR", "DOUBLE"],
  rows: Array.from({ length: 50 }, (_, i) => [
    `Product line ${String.fromCharCode(65 + (i % 26))}-${i}`,
    1_000 + i * 2_750.5,
  ]),
};

// 2,000 pairs from a seeded generator: a noisy line with a few far outliers, like a sampled correlation.
let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pairs = Array.from({ length: 2000 }, (_, i) => {
  const x = 1_500 + random() * 3_500;
  const y = 46 - 0.0077 * x + (random() - 0.5) * 12 + (i % 97 === 0 ? 20 : 0);
  return [Math.round(x), Math.round(y * 10) / 10];
});

interface Case {
  name: string;
  target?: number;
  build: () => VegaLiteSpec | null;
}

const CASES: Case[] = [
  { name: "50-bar chart (buildChartSpec)", target: 60, build: () => buildChartSpec(bars) },
  {
    name: "50-group ranking (value labels)",
    build: () =>
      chartForRequest({
        kind: "ranking",
        key: "product_name",
        value: "total_revenue_usd",
        answer: bars,
        presentation: { title: "Revenue by product line", units: { total_revenue_usd: "$" } },
      } satisfies ChartRequest).spec,
  },
  {
    name: "2,000-point scatter + fitted line",
    target: 150,
    build: () =>
      chartForRequest({
        kind: "correlation",
        stats: { r: -0.8, n: 2000 },
        evidence: { pairs: { table: { columns: ["weight", "mpg"], rows: pairs }, x: "weight", y: "mpg" } },
        answer: { columns: ["r"], rows: [[-0.8]] },
        presentation: { title: "MPG against weight", units: { weight: "lbs", mpg: "mpg" } },
      } satisfies ChartRequest).spec,
  },
];

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function timeOne(chart: Case): Promise<{ total: number; cpu: number; build: number; png: Buffer }> {
  const startCpu = cpuMs();
  const start = performance.now();
  const spec = chart.build();
  if (!spec) throw new Error(`${chart.name} produced no chart`);
  const built = performance.now();
  const png = await renderChartPng(spec, { scale: 2 });
  return { total: performance.now() - start, cpu: cpuMs() - startCpu, build: built - start, png };
}

const samples = CASES.map(() => ({ totals: [] as number[], cpus: [] as number[], builds: [] as number[], bytes: 0 }));
for (let i = 0; i < WARM_UP; i++) for (const chart of CASES) await timeOne(chart);
for (let i = 0; i < RENDERS; i++) {
  for (const [index, chart] of CASES.entries()) {
    const run = await timeOne(chart);
    const sample = samples[index]!;
    sample.totals.push(run.total);
    sample.cpus.push(run.cpu);
    sample.builds.push(run.build);
    sample.bytes = run.png.length;
  }
}

mkdirSync("out", { recursive: true });
console.log(`charts: ${RENDERS} renders of each at scale 2, interleaved, after ${WARM_UP} warm-up rounds`);
for (const [index, chart] of CASES.entries()) {
  const sample = samples[index]!;
  for (const list of [sample.totals, sample.cpus, sample.builds]) list.sort((a, b) => a - b);
  const p50 = percentile(sample.totals, 50);
  const verdict = chart.target ? `   (target <= ${chart.target} ms: ${p50 <= chart.target ? "met" : "missed"})` : "";
  console.log(`  ${chart.name}`);
  console.log(`    render p50 ${p50.toFixed(1)} ms, p95 ${percentile(sample.totals, 95).toFixed(1)} ms${verdict}`);
  console.log(
    `    CPU p50 ${percentile(sample.cpus, 50).toFixed(1)} ms · spec build p50 ${percentile(sample.builds, 50).toFixed(2)} ms · PNG ${(sample.bytes / 1024).toFixed(0)} KiB`,
  );
  const file = `out/bench-${index + 1}.png`;
  writeFileSync(file, (await timeOne(chart)).png);
}
const [load1] = loadavg();
console.log(`  machine: ${cpus().length} cores, load average ${load1!.toFixed(1)} (wall times inflate under load)`);
console.log("  wrote out/bench-1.png … out/bench-3.png");
