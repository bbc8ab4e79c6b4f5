// bench:pipeline — time a question spends outside the LLM (zero-latency fake model) on the 3M-row flights table.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRuntime } from "../src/app/index.js";
import { loadConfig } from "../src/config/index.js";
import { runQuestion } from "../src/pipeline/index.js";
import { vegaDatasetsDir } from "../src/util/index.js";
import { createLogger } from "../src/util/logger.js";
import { reply, startFakeOpenAI } from "../test/fakes/openai-server.js";

const RUNS = Number(process.env.RUNS ?? 50);
const dataDir = vegaDatasetsDir();

const plans = {
  SQL_ONLY: {
    classification: "SQL_ONLY",
    sql: 'SELECT "origin", avg("delay") AS avg_delay, count(*) AS flights FROM flights GROUP BY 1 ORDER BY 2 DESC LIMIT 10',
    python: null,
  },
  SQL_THEN_PY: {
    classification: "SQL_THEN_PY",
    sql: "SELECT date_trunc('day', \"date\") AS day, count(*) AS flights FROM flights GROUP BY 1 ORDER BY 1",
    python: null,
  },
} as const;
const PYTHON =
  "from insightx_analytics import forecast\nout = forecast(df, date_col='day', value_col='flights', periods=7, freq='D')\nresult = out";

async function main() {
  const fake = await startFakeOpenAI({ keys: ["sk-bench-key-000000"] });
  let current: keyof typeof plans = "SQL_ONLY";
  fake.respondWith((request) => {
    if (request.system.includes("orchestrator")) {
      return reply.json({
        reasoning: "bench",
        columns_needed: [],
        table: null,
        clarification: null,
        chart: null,
        ...plans[current],
      });
    }
    if (request.system.includes("Python for InsightX")) return reply.json({ code: PYTHON, reasoning: "forecast" });
    return reply.json({ text: "Here is the result.", metrics: [], follow_ups: [] });
  });
  const dir = await mkdtemp(path.join(tmpdir(), "insightx-bench-pipeline-"));
  let llmMs = 0;
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      llmMs += performance.now() - started;
    }
  };
  const config = loadConfig({
    DATA_DIR: dir,
    LLM_BASE_URL: fake.url,
    LLM_API_KEYS: "sk-bench-key-000000",
    SANDBOX_POOL_SIZE: "1",
  });
  const runtime = await createRuntime({ config, logger: createLogger("warn"), fetch: timedFetch });
  try {
    const ref = { teamId: "bench", channelId: "flights" };
    const started = performance.now();
    await runtime.engine.ingest(ref, { path: path.join(dataDir, "flights-3m.parquet"), name: "flights.parquet" });
    console.log(`ingested flights-3m.parquet in ${Math.round(performance.now() - started)} ms`);
    await runtime.sandbox();
    for (const kind of Object.keys(plans) as Array<keyof typeof plans>) {
      current = kind;
      const outside: number[] = [];
      for (let i = 0; i < RUNS + 3; i++) {
        llmMs = 0;
        const { answer } = await runQuestion(runtime.pipelineDeps(), {
          ref,
          question: `bench ${kind} ${i}`,
          threadId: `bench-${kind}-${i}`,
        });
        if (answer.error) throw new Error(`${kind}: ${answer.error}`);
        if (i >= 3) outside.push(answer.elapsedMs - llmMs);
      }
      outside.sort((a, b) => a - b);
      const p = (q: number) => outside[Math.min(outside.length - 1, Math.floor(q * outside.length))]!.toFixed(1);
      const target = kind === "SQL_ONLY" ? 150 : 400;
      console.log(
        `${kind}: outside the LLM p50 ${p(0.5)} ms, p95 ${p(0.95)} ms over ${RUNS} runs (target p50 <= ${target} ms)`,
      );
    }
  } finally {
    await runtime.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
