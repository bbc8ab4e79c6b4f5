// bench:load — 100 concurrent questions across 20 channels, delivered as signed Slack events to the app's HTTP
// receiver, answered through the queue against a fake Slack API and a fake LLM that takes 300–800 ms per call.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createRuntime } from "../src/app/index.js";
import { loadConfig } from "../src/config/index.js";
import { BullmqQueue, createQueue, createSlashCommands } from "../src/jobs/index.js";
import { createSlackApp } from "../src/slack/index.js";
import type { NewTrace, NewTraceStep } from "../src/store/index.js";
import { runStats, TraceWriter } from "../src/trace/index.js";
import { createLogger } from "../src/util/logger.js";
import { reply, startFakeOpenAI } from "../test/fakes/openai-server.js";
import { SlackDelivery } from "../test/fakes/slack-delivery.js";
import { FAKE_BOT, startFakeSlack } from "../test/fakes/slack-server.js";

const QUESTIONS = Number(process.env.QUESTIONS ?? 100);
const CHANNELS = Number(process.env.CHANNELS ?? 20);
const SECRET = "bench-signing-secret";
const TAG = /\[(q\d+)\]/;

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};

async function main() {
  const llm = await startFakeOpenAI({ keys: ["sk-bench-load-0000"], latencyMs: { min: 300, max: 800 } });
  llm.respondWith((request) =>
    request.system.includes("orchestrator")
      ? reply.json({
          classification: "SQL_ONLY",
          reasoning: "grouped mean",
          columns_needed: ["Origin", "Horsepower"],
          table: null,
          clarification: null,
          chart: null,
          sql: 'SELECT "Origin", avg("Horsepower") AS avg_hp, count(*) AS cars FROM cars GROUP BY 1 ORDER BY 2 DESC',
          python: null,
        })
      : reply.json({
          text: "Average horsepower by origin is in the table.",
          metrics: [],

          follow_ups: [],
        }),
  );
  // LLM time per question, by the [qN] tag its prompts carry.
  const llmMs = new Map<string, number>();
  const timedFetch: typeof fetch = async (input, init) => {
    const started = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      const tag = TAG.exec(String(init?.body ?? ""))?.[1];
      if (tag) llmMs.set(tag, (llmMs.get(tag) ?? 0) + performance.now() - started);
    }
  };

  // PostgreSQL when DATABASE_URL is set, in a schema of its own that is dropped afterwards.
  const schema = `bench_${randomUUID().replaceAll("-", "")}`;
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const slackApi = await startFakeSlack();
  const dir = await mkdtemp(path.join(tmpdir(), "insightx-bench-load-"));
  const config = loadConfig({
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    DATA_DIR: dir,
    LLM_BASE_URL: llm.url,
    LLM_API_KEYS: "sk-bench-load-0000",
    SLACK_BOT_TOKEN: FAKE_BOT.token,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slackApi.apiUrl,
    SANDBOX: "unsafe-process",
    SANDBOX_POOL_SIZE: "1",
    QUEUE_CONCURRENCY: String(CHANNELS),
    LOG_LEVEL: "error",
  });
  const logger = createLogger("error");
  const runtime = await createRuntime({ config, logger, fetch: timedFetch });
  const queue = await createQueue({ config, logger, bullmq: { name: `bench-${randomUUID()}`, waitMs: 200 } });
  const writer = new TraceWriter({ traces: runtime.store.traces, logger });
  const posted = new Map<string, NewTraceStep[]>();
  const started = new Map<string, number>();
  // Trace id = job id = `event:<event id>` (`event_<event id>` on BullMQ, whose ids may not hold ':').
  const eventOf = (traceId: string) => traceId.replace(/^event[:_]/, "");
  const sink = {
    trace: (t: NewTrace) => {
      if (!started.has(eventOf(t.id))) started.set(eventOf(t.id), t.startedAt.getTime());
      writer.trace(t);
    },
    step: (s: NewTraceStep) => {
      const id = eventOf(s.traceId);
      if (s.step === "post" && s.status === "completed") posted.set(id, [...(posted.get(id) ?? []), s]);
      writer.step(s);
    },
  };
  const slack = createSlackApp({
    services: runtime,
    queue,
    commands: createSlashCommands({ store: runtime.store, queue }),
    port: 0,
    traceSink: sink,
  });
  await queue.process(slack.jobHandler, { concurrency: config.QUEUE_CONCURRENCY });
  const { port } = await slack.start();
  const delivery = new SlackDelivery(`http://127.0.0.1:${port}/slack/events`, SECRET, slackApi.url);

  const cars = path.resolve("node_modules/vega-datasets/data/cars.json");
  const channels = Array.from({ length: CHANNELS }, (_, i) => `CL${String(i).padStart(3, "0")}`);
  for (const channel of channels)
    await runtime.engine.ingest({ teamId: "T1", channelId: channel }, { path: cars, name: "cars.json" });
  console.log(
    `queue: ${queue.kind}, store: ${config.DATABASE_URL ? "postgres" : "pglite"}, ${QUESTIONS} questions in ${CHANNELS} channels`,
  );

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 50);
  const sent = new Map<string, { at: number; tag: string; channel: string; ts: string }>();
  const errors: string[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: QUESTIONS }, async (_, i) => {
      const channel = channels[i % CHANNELS]!;
      const tag = `q${i}`;
      const message = slackApi.state.post({
        channel,
        user: "U1",
        text: `<@${FAKE_BOT.userId}> average Horsepower by Origin [${tag}]`,
      });
      const at = Date.now();
      const event = {
        type: "app_mention",
        user: "U1",
        text: message.text,
        ts: message.ts,
        channel,
        team: "T1",
        event_ts: message.ts,
      };
      const result = delivery.event(event);
      sent.set(result.eventId, { at, tag, channel, ts: message.ts });
      const response = await result;
      if (response.status !== 200) errors.push(`${tag}: HTTP ${response.status}`);
    }),
  );
  const deadline = Date.now() + 180_000;
  while ([...sent.keys()].some((id) => !posted.has(id)) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
  clearInterval(sampler);
  const wall = performance.now() - t0;

  const e2e: number[] = [];
  const outside: number[] = [];
  const outsideRunning: number[] = [];
  let once = 0;
  for (const [id, info] of sent) {
    const posts = posted.get(id) ?? [];
    const progress = slackApi.calls.filter(
      (c) =>
        c.method === "chat.postMessage" &&
        c.outcome === "ok" &&
        c.fields.channel === info.channel &&
        c.fields.thread_ts === info.ts,
    );
    if (posts.length === 1 && progress.length === 1) once++;
    else errors.push(`${info.tag}: ${posts.length} answers, ${progress.length} progress messages`);
    const done = posts[0]?.endedAt?.getTime();
    if (done === undefined) continue;
    const llmTime = llmMs.get(info.tag) ?? 0;
    e2e.push(done - info.at);
    outside.push(done - info.at - llmTime);
    outsideRunning.push(done - (started.get(id) ?? info.at) - llmTime);
  }
  await writer.flush();
  console.log(`answered exactly once: ${once}/${QUESTIONS}`);
  console.log(`errors: ${errors.length}${errors.length ? ` (${errors.slice(0, 5).join("; ")})` : ""}`);
  console.log(
    `end-to-end: p50 ${Math.round(pct(e2e, 50))} ms, p95 ${Math.round(pct(e2e, 95))} ms (wall ${Math.round(wall)} ms)`,
  );
  console.log(
    `outside the LLM, delivery → answer (queue wait included): p50 ${Math.round(pct(outside, 50))} ms, p95 ${Math.round(pct(outside, 95))} ms`,
  );
  console.log(
    `outside the LLM, job start → answer: p50 ${Math.round(pct(outsideRunning, 50))} ms, p95 ${Math.round(pct(outsideRunning, 95))} ms`,
  );
  console.log(`LLM requests: ${llm.requests.length}; peak RSS ${Math.round(peakRss / 1024 ** 2)} MB`);
  await writer.close();
  console.log(await runStats(runtime.store.traces, ["averages", "--hours", "1"]));

  await slack.stop();
  if (queue instanceof BullmqQueue) await queue.destroy();
  else await queue.close();
  await runtime.close();
  await slackApi.close();
  await llm.close();
  await rm(dir, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
  process.exitCode = once === QUESTIONS && errors.length === 0 ? 0 : 1;
}

await main();
