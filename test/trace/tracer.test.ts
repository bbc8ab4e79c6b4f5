// The Tracer turns a question's PipelineEvents into seed 004's steps; the writer stores them in batches.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PipelineEvent, pipelineEventSchema } from "../../src/pipeline/index.js";
import { createStore, type NewTrace, type NewTraceStep, type Store } from "../../src/store/index.js";
import { runStats, Tracer, TraceWriter } from "../../src/trace/index.js";
import { createLogger } from "../../src/util/logger.js";

const status = (stage: string): PipelineEvent =>
  pipelineEventSchema.parse({ type: "status", message: stage, data: { stage, message: stage } });

/** A SQL_ONLY question's events as the orchestrator yields them (seed 000). */
const ANSWERED: PipelineEvent[] = [
  status("loading"),
  status("orchestrating"),
  pipelineEventSchema.parse({
    type: "orchestrator_result",
    data: { classification: "SQL_ONLY", reasoning: "a grouped mean", columns_needed: ["origin"] },
  }),
  status("sql_generation"),
  status("sql_execution"),
  pipelineEventSchema.parse({
    type: "sql_result",
    data: {
      query: "SELECT origin, avg(hp) FROM cars GROUP BY 1",
      rows: 3,
      columns: ["origin", "avg"],
      preview: [],
      elapsed_ms: 4,
      attempt: 1,
    },
  }),
  status("composition"),
  status("rendering"),
  pipelineEventSchema.parse({
    type: "final_response",
    data: { text: "USA leads.", metrics: {}, chart_spec: null, follow_ups: [], sql: null, code: null, grounded: true },
  }),
];

function collector() {
  const traces: NewTrace[] = [];
  const steps: NewTraceStep[] = [];
  return {
    traces,
    steps,
    sink: { trace: (t: NewTrace) => void traces.push(t), step: (s: NewTraceStep) => void steps.push(s) },
  };
}

describe("Tracer", () => {
  it("derives request, orchestrate, sql and compose steps from the event stream, then the post step", async () => {
    const { traces, steps, sink } = collector();
    const tracer = new Tracer({ sink, question: "average hp by origin", traceId: "t-1" });
    for (const event of ANSWERED) tracer.observe(event);
    tracer.addUsage(0, 0);
    await tracer.step("post", async () => "posted");
    tracer.finish();
    expect(steps.map((s) => s.step)).toEqual([
      "request",
      "orchestrate",
      "sql_generation",
      "sql_execution",
      "compose",
      "render",
      "post",
    ]);
    expect(steps.every((s) => s.status === "completed" && (s.durationMs ?? -1) >= 0)).toBe(true);
    expect(steps[1]!.outputSummary).toContain("SQL_ONLY");
    expect(steps[3]!.inputSummary).toContain("SELECT origin");
    expect(traces.at(-1)).toMatchObject({ id: "t-1", status: "completed", classification: "SQL_ONLY" });
  });

  it("marks the open step and the trace failed on an error event, and keeps secrets out of summaries", () => {
    const { traces, steps, sink } = collector();
    const tracer = new Tracer({ sink, question: "why? token xoxb-123-secret" });
    tracer.observe(status("loading"));
    tracer.observe(status("orchestrating"));
    tracer.addUsage(120, 1);
    tracer.observe(
      pipelineEventSchema.parse({
        type: "error",
        message: "rate limited",
        data: { message: "All LLM keys are rate limited.", stage: "orchestrating", retryable: true },
      }),
    );
    tracer.finish();
    expect(steps.at(-1)).toMatchObject({ step: "orchestrate", status: "failed", tokens: 120, keyIndex: 1 });
    expect(traces.at(-1)).toMatchObject({ status: "failed", error: "All LLM keys are rate limited." });
    expect(JSON.stringify(traces)).not.toContain("xoxb-123");
  });

  it("adds at most half a millisecond per step (prints the measured overhead)", () => {
    const sink = { trace: () => undefined, step: () => undefined };
    const rounds = 2_000;
    const started = performance.now();
    for (let i = 0; i < rounds; i++) {
      const tracer = new Tracer({ sink, question: "q" });
      for (const event of ANSWERED) tracer.observe(event);
      tracer.finish();
    }
    const perStep = (performance.now() - started) / (rounds * 6);
    console.log(`tracing overhead: ${(perStep * 1000).toFixed(2)} µs per step (${rounds} traces of 6 steps)`);
    expect(perStep).toBeLessThan(0.5);
  });
});

describe("TraceWriter on the store", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-trace-"));
    store = await createStore({ config: { DATA_DIR: dir } });
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes traces and steps in batches that stats can read back", async () => {
    const writer = new TraceWriter({ traces: store.traces, logger: createLogger("silent"), flushMs: 50 });
    for (let i = 0; i < 20; i++) {
      const tracer = new Tracer({ sink: writer, question: `q${i}`, traceId: `w-${i}` });
      for (const event of ANSWERED) tracer.observe(event);
      tracer.finish();
    }
    await writer.close();
    expect(writer.pending).toBe(0);
    const summary = await store.traces.summary("w-7");
    expect(summary?.steps.map((s) => s.step)).toEqual([
      "request",
      "orchestrate",
      "sql_generation",
      "sql_execution",
      "compose",
      "render",
    ]);
    const averages = await runStats(store.traces, ["averages", "--hours", "1"]);
    expect(averages).toMatch(/orchestrate\s+20/);
    expect(await runStats(store.traces, ["summary", "w-7"])).toContain("Conversation: w-7");
    expect(await runStats(store.traces, ["percentiles", "compose"])).toContain("Samples           20");
  });
});
