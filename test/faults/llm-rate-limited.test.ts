// Fault: every LLM key answers 429; the question still gets an answer from the offline planner, traced as such.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRuntime, type Runtime } from "../../src/app/index.js";
import { loadConfig } from "../../src/config/index.js";
import type { NewTraceStep } from "../../src/store/index.js";
import { tracedQuestion } from "../../src/trace/index.js";
import { createLogger } from "../../src/util/logger.js";
import { type FakeOpenAI, startFakeOpenAI } from "../fakes/openai-server.js";

const REF = { teamId: "T1", channelId: "C1" };
const KEYS = ["sk-test-aaaaaaaaaaaa", "sk-test-bbbbbbbbbbbb"];

describe("every LLM key rate limited", () => {
  let fake: FakeOpenAI;
  let runtime: Runtime;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ keys: KEYS });
    fake.respondWith(() => ({ kind: "rate_limit", retryAfterSeconds: 60 }));
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-429-"));
    const config = loadConfig({
      DATA_DIR: dir,
      LOG_LEVEL: "silent",
      LLM_BASE_URL: fake.url,
      LLM_API_KEYS: KEYS.join(","),
      LLM_MAX_RETRIES: "0",
    });
    runtime = await createRuntime({ config, logger: createLogger("silent") });
    await runtime.engine.ingest(REF, {
      path: path.resolve("node_modules/vega-datasets/data/cars.json"),
      name: "cars.json",
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("answers from the offline planner (or says clearly why not), never leaking a key", async () => {
    const steps: NewTraceStep[] = [];
    const { tracer, events } = tracedQuestion(
      runtime.pipelineDeps({ renderCharts: false }),
      { ref: REF, question: "average Horsepower by Origin" },
      { sink: { trace: () => undefined, step: (s) => void steps.push(s) } },
    );
    const seen: string[] = [];
    let text = "";
    for await (const event of events) {
      seen.push(event.type);
      if (event.type === "final_response") text = event.data.text;
      if (event.type === "error") text = event.data.message;
    }
    tracer.finish();
    console.log(
      `all keys 429: ${seen.includes("final_response") ? "offline planner answered" : "clear error"}: ${text.slice(0, 160)}`,
    );
    expect(fake.requests.length).toBeGreaterThanOrEqual(KEYS.length);
    expect(seen).toContain("key_rotation_event");
    if (seen.includes("final_response")) expect(text).toMatch(/offline planner/i);
    else expect(text).toMatch(/rate|limit|busy|try again/i);
    expect(JSON.stringify({ steps, text })).not.toMatch(/sk-test-/);
  });
});
