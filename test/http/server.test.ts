// The operations HTTP surface over a real runtime: health, readiness, metrics and the SSE question API.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import { createOperations, type RunningServer, startHttpServer } from "../../src/http/index.js";
import { InProcessQueue } from "../../src/jobs/index.js";
import { pipelineEventSchema } from "../../src/pipeline/index.js";
import { TraceWriter } from "../../src/trace/index.js";
import { createLogger } from "../../src/util/logger.js";

const REF = { teamId: "T1", channelId: "C1" };

describe("operations HTTP server", () => {
  let runtime: Runtime;
  let server: RunningServer;
  let writer: TraceWriter;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-http-"));
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", API_TOKENS: "tok-one,tok-two" });
    const logger = createLogger("silent");
    runtime = await createRuntime({ config, logger });
    await runtime.engine.ingest(REF, {
      path: path.resolve("node_modules/vega-datasets/data/cars.json"),
      name: "cars.json",
    });
    writer = new TraceWriter({ traces: runtime.store.traces, logger, flushMs: 50 });
    const queue = new InProcessQueue({ logger });
    const ops = createOperations({ ...runtime, queue, traces: writer });
    server = await startHttpServer({ port: 0, host: "127.0.0.1", handler: ops.handler });
  });
  afterAll(async () => {
    await server?.close();
    await writer?.close();
    await runtime?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const ask = (body: unknown, token = "tok-two") =>
    fetch(`${server.url}/api/ask`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers /healthz while the process is up and /readyz once the store and data directory answer", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The Python pool warms up on the first check (importing pandas, scipy …): not ready until it answers.
    let ready = await fetch(`${server.url}/readyz`);
    for (let i = 0; i < 60 && ready.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await fetch(`${server.url}/readyz`);
    }
    const body = (await ready.json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
    expect(ready.status).toBe(200);
    expect(body.checks.store?.ok).toBe(true);
    expect(body.checks.duckdb_dir?.ok).toBe(true);
  }, 60_000);

  it("refuses /api/ask without one of the API tokens", async () => {
    expect((await ask({ channel: "T1:C1", question: "hi" }, "wrong")).status).toBe(401);
    expect((await ask({ question: "no channel" })).status).toBe(400);
  });

  it("streams a question's PipelineEvents as server-sent events with seed 000's names", async () => {
    const response = await ask({ channel: "T1:C1", question: "average Horsepower by Origin" });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const text = await response.text();
    const events = text
      .split("\n\n")
      .filter((chunk) => chunk.startsWith("data: "))
      .map((chunk) => pipelineEventSchema.parse(JSON.parse(chunk.slice(6))));
    expect(events[0]).toMatchObject({ type: "status", data: { stage: "loading" } });
    expect(events.map((e) => e.type)).toContain("orchestrator_result");
    expect(events.at(-1)?.type).toBe("final_response");
  });

  it("exposes question, step and queue metrics for Prometheus", async () => {
    await writer.flush();
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/insightx_questions_total\{classification="SQL_ONLY",outcome="answered"\} 1/);
    expect(metrics).toMatch(/insightx_step_duration_seconds_count\{step="orchestrate",status="completed"\} 1/);
    expect(metrics).toContain('insightx_queue_jobs{state="waiting"} 0');
  });
});
