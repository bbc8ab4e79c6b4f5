import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { InMemoryKeyStatsSink, type KeyStatsDelta, type KeyStatsSink } from "../../src/llm/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, startHarness } from "./harness.js";

const ask = (harness: Harness) =>
  harness.client.complete({
    system: "Answer.",
    messages: [{ role: "user", content: "n?" }],
    schema: z.object({ n: z.number() }),
    schemaName: "n",
  });
const usage = (prompt_tokens: number, completion_tokens: number) => ({ usage: { prompt_tokens, completion_tokens } });

let harness: Harness;
afterEach(async () => harness?.close());

describe("per-key counters", () => {
  it("counts calls, failures and tokens per key and flushes the same totals to the sink", async () => {
    const sink = new InMemoryKeyStatsSink();
    harness = await startHarness({ statsSink: sink });
    harness.server.script(
      reply.json({ n: 1 }, usage(100, 10)),
      reply.serverError(),
      reply.json({ n: 2 }, usage(50, 5)),
      reply.text("nope", usage(30, 3)),
      reply.json({ n: 3 }, usage(40, 4)),
    );
    await ask(harness);
    await ask(harness);
    const repaired = await ask(harness);
    expect(repaired.usage).toEqual({ promptTokens: 70, completionTokens: 7 });

    const stats = harness.client.stats();
    expect(
      stats.map(({ index, calls, failures, promptTokens, completionTokens, lastReason }) => ({
        index,
        calls,
        failures,
        promptTokens,
        completionTokens,
        lastReason,
      })),
    ).toEqual([
      { index: 0, calls: 2, failures: 1, promptTokens: 100, completionTokens: 10, lastReason: "server_error" },
      { index: 1, calls: 3, failures: 0, promptTokens: 120, completionTokens: 12, lastReason: null },
      { index: 2, calls: 0, failures: 0, promptTokens: 0, completionTokens: 0, lastReason: null },
    ]);
    expect(stats[1].current).toBe(true);

    await harness.client.flush();
    expect(sink.totals.get(0)).toEqual({
      index: 0,
      calls: 2,
      failures: 1,
      promptTokens: 100,
      completionTokens: 10,
      lastReason: "server_error",
    });
    expect(sink.totals.get(1)).toMatchObject({ calls: 3, promptTokens: 120, completionTokens: 12 });
    expect(sink.totals.has(2)).toBe(false);
  });

  it("keeps answering when the sink fails, and logs the failure by key index", async () => {
    const failing: KeyStatsSink = {
      record: async (_index: number, _delta: KeyStatsDelta) => {
        throw new Error("database is down");
      },
    };
    harness = await startHarness({ statsSink: failing });
    harness.server.script(reply.json({ n: 1 }));
    await expect(ask(harness)).resolves.toMatchObject({ value: { n: 1 } });
    await harness.client.flush();
    expect(harness.logs.join("\n")).toContain("could not persist LLM key counters");
  });
});
