import { afterEach, describe, expect, it } from "vitest";
import { InMemoryKeyStatsSink, type KeyStatsDelta, type KeyStatsSink, s } from "../../src/llm/index.js";
import { reply } from "../fakes/openai-server.js";
import { type Harness, startHarness } from "./harness.js";

const ask = (harness: Harness) =>
  harness.client.complete({
    system: "Answer.",
    messages: [{ role: "user", content: "n?" }],
    schema: s.object({ n: s.number() }),
    schemaName: "n",
  });
const usage = (prompt_tokens: number, completion_tokens: number) => ({ usage: { prompt_tokens, completion_tokens } });

let harness: Harness;
afterEach(async () => harness?.close());

describe("per-key counters", () => {
  it("counts calls, failures and tokens per key, round-robin, and flushes the same totals to the sink", async () => {
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
      // Requests go round the keys: n=1 on key 0; the 500 on key 1, its retry on key 2; "nope" on key 0 and its
      // repair on key 1.
      { index: 0, calls: 2, failures: 0, promptTokens: 130, completionTokens: 13, lastReason: null },
      { index: 1, calls: 2, failures: 1, promptTokens: 40, completionTokens: 4, lastReason: "server_error" },
      { index: 2, calls: 1, failures: 0, promptTokens: 50, completionTokens: 5, lastReason: null },
    ]);
    expect(stats[1].current).toBe(true);
    expect(stats[1].coolingDownUntil).toBeNull();

    await harness.client.flush();
    expect(sink.totals.get(1)).toEqual({
      index: 1,
      calls: 2,
      failures: 1,
      promptTokens: 40,
      completionTokens: 4,
      lastReason: "server_error",
    });
    expect(sink.totals.get(0)).toMatchObject({ calls: 2, promptTokens: 130, completionTokens: 13 });
    expect(sink.totals.get(2)).toMatchObject({ calls: 1, promptTokens: 50, completionTokens: 5 });
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
