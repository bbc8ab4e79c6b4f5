// Contract tests for trace writes and the seed-004 statistics, with known numbers, run against every backend.
import { beforeAll, expect, it } from "vitest";
import type { NewTrace, NewTraceStep } from "../../src/store/index.js";
import type { Backend } from "./backends.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
// Top of the previous UTC hour: every trace below falls in a known hour of the day.
const anchor = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
const hourOf = (ms: number) => new Date(ms).getUTCHours();

// id, start, duration, status, plan step ms, sql step ms (and its status)
const plan: Array<[string, number, number, NewTrace["status"], number, number | null, "completed" | "failed"]> = [
  ["t1", anchor + 5 * MIN, 1500, "completed", 100, 1000, "completed"],
  ["t2", anchor + 10 * MIN, 5000, "completed", 200, 3000, "completed"],
  ["t3", anchor - 2 * HOUR + 5 * MIN, 9000, "failed", 300, 2000, "failed"],
  ["t4", anchor - 48 * HOUR + 5 * MIN, 12000, "completed", 10000, 500, "completed"],
  ["t5", anchor + 15 * MIN, 800, "completed", 400, null, "completed"],
];

function fixtures(): { traces: NewTrace[]; steps: NewTraceStep[] } {
  const traces: NewTrace[] = [];
  const steps: NewTraceStep[] = [];
  for (const [id, start, duration, status, planMs, sqlMs, sqlStatus] of plan) {
    traces.push({ id, status, startedAt: new Date(start), endedAt: new Date(start + duration), durationMs: duration });
    steps.push({
      traceId: id,
      step: "plan",
      startedAt: new Date(start),
      durationMs: planMs,
      status: "completed",
      keyIndex: 0,
    });
    if (sqlMs !== null) {
      steps.push({
        traceId: id,
        step: "sql",
        startedAt: new Date(start + 300),
        durationMs: sqlMs,
        status: sqlStatus,
        ...(sqlStatus === "failed" ? { error: "Binder Error: column x not found" } : { outputSummary: "3 rows" }),
      });
    }
  }
  return { traces, steps };
}

export function tracesContract(get: () => Backend): void {
  beforeAll(async () => {
    const { store } = get();
    await store.db.query("DELETE FROM trace_steps");
    await store.db.query("DELETE FROM traces");
    const { traces, steps } = fixtures();
    // Written as the tracer does: first "running" with the question, then the finished record.
    await store.traces.insertTraces(
      traces.map((t) => ({ id: t.id, status: "running", startedAt: t.startedAt, question: `why ${t.id}?` })),
    );
    await store.traces.insertTraces(traces);
    await store.traces.insertSteps(steps);
    await store.traces.insertSteps(steps.slice(0, 3)); // a retried batch
  });

  it("upserts traces by id, keeping fields the later write left out", async () => {
    const t1 = await get().store.traces.get("t1");
    expect(t1).toMatchObject({ status: "completed", durationMs: 1500, question: "why t1?" });
    expect(t1?.startedAt).toEqual(new Date(anchor + 5 * MIN));
  });

  it("lists recent traces newest first with their step counts", async () => {
    const recent = await get().store.traces.recent(2);
    expect(recent.map((t) => [t.id, t.stepCount])).toEqual([
      ["t5", 1],
      ["t2", 2],
    ]);
  });

  it("summarises a trace with each step's share of the total", async () => {
    const { store } = get();
    const summary = await store.traces.summary("t1");
    expect(summary?.totalMs).toBe(1500);
    expect(summary?.steps.map((s) => [s.step, s.durationMs, Number(s.sharePct?.toFixed(2))])).toEqual([
      ["plan", 100, 6.67],
      ["sql", 1000, 66.67],
    ]);
    expect(await store.traces.summary("missing")).toBeNull();
    const steps = await store.traces.steps("t3");
    expect(steps.map((s) => [s.step, s.status, s.error])).toEqual([
      ["plan", "completed", null],
      ["sql", "failed", "Binder Error: column x not found"],
    ]);
    expect(steps[0]?.keyIndex).toBe(0);
  });

  it("averages step durations inside the window only", async () => {
    const { store } = get();
    expect(await store.traces.averages(24)).toEqual([
      { step: "plan", count: 4, avgMs: 250, minMs: 100, maxMs: 400 },
      { step: "sql", count: 3, avgMs: 2000, minMs: 1000, maxMs: 3000 },
    ]);
    expect((await store.traces.averages(72))[0]).toEqual({
      step: "plan",
      count: 5,
      avgMs: 2200,
      minMs: 100,
      maxMs: 10000,
    });
  });

  it("computes error rates per step", async () => {
    const rates = await get().store.traces.errors(24);
    expect(rates.map((r) => [r.step, r.total, r.failures, Number(r.errorRatePct.toFixed(2))])).toEqual([
      ["plan", 4, 0, 0],
      ["sql", 3, 1, 33.33],
    ]);
  });

  it("computes continuous percentiles of one step, and none for an unknown step", async () => {
    const { store } = get();
    expect(await store.traces.percentiles("plan", 24)).toEqual({
      step: "plan",
      samples: 4,
      p10: 130,
      p25: 175,
      p50: 250,
      p75: 325,
      p90: 370,
      p95: 385,
      p99: 397,
    });
    expect(await store.traces.percentiles("nope", 24)).toMatchObject({ step: "nope", samples: 0, p50: null });
  });

  it("finds slow traces, slowest first", async () => {
    const { store } = get();
    expect((await store.traces.slow(4000, 10)).map((t) => [t.id, t.durationMs, t.stepCount])).toEqual([
      ["t4", 12000, 2],
      ["t3", 9000, 2],
      ["t2", 5000, 2],
    ]);
    expect((await store.traces.slow(4000, 2)).map((t) => t.id)).toEqual(["t4", "t3"]);
  });

  it("counts the busiest hours of the day and traces per hour", async () => {
    const { store } = get();
    expect(await store.traces.busiest(5)).toEqual([
      { hour: hourOf(anchor), conversations: 4 },
      { hour: hourOf(anchor - 2 * HOUR), conversations: 1 },
    ]);
    expect(await store.traces.perHour(24)).toEqual([
      { hour: new Date(anchor - 2 * HOUR), conversations: 1 },
      { hour: new Date(anchor), conversations: 3 },
    ]);
  });

  it("writes a large batch of steps in multi-row statements without losing any", async () => {
    const { store } = get();
    const start = anchor - 500 * HOUR;
    const steps: NewTraceStep[] = Array.from({ length: 1234 }, (_, i) => ({
      traceId: "bulk",
      step: "render",
      startedAt: new Date(start + i),
      durationMs: i,
      status: "completed",
      tokens: i,
    }));
    await store.traces.insertSteps(steps);
    const rows = await store.db.query<{ n: number; total: number }>(
      "SELECT COUNT(*) AS n, SUM(tokens) AS total FROM trace_steps WHERE trace_id = 'bulk'",
    );
    expect(rows).toEqual([{ n: 1234, total: (1233 * 1234) / 2 }]);
  });

  it("keeps each trace's channel and removes one channel's traces and steps only", async () => {
    const { store } = get();
    const at = new Date(anchor - 700 * HOUR);
    for (const [id, channelId] of [
      ["gone-1", "CGONE"],
      ["gone-2", "CGONE"],
      ["kept-1", "CKEPT"],
    ] as const) {
      await store.traces.insertTraces([{ id, status: "running", startedAt: at, teamId: "T9", channelId }]);
      await store.traces.insertTraces([{ id, status: "completed", startedAt: at, durationMs: 5 }]);
      await store.traces.insertSteps([{ traceId: id, step: "request", startedAt: at, status: "completed" }]);
    }
    expect(await store.traces.get("gone-1")).toMatchObject({ teamId: "T9", channelId: "CGONE", status: "completed" });
    expect(await store.traces.removeChannel("T9", "CGONE")).toBe(2);
    expect(await store.traces.get("gone-1")).toBeNull();
    expect(await store.traces.steps("gone-2")).toEqual([]);
    expect(await store.traces.get("kept-1")).toMatchObject({ channelId: "CKEPT" });
    expect(await store.traces.steps("kept-1")).toHaveLength(1);
    await store.traces.removeChannel("T9", "CKEPT");
  });
}
