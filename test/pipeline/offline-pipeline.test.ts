import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText, collectNumbers, runQuestion } from "../../src/pipeline/index.js";
import { type Harness, load, startHarness } from "./harness.js";

describe("pipeline with no LLM key (offline planner)", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
    await load(harness.runtime, "C-multi", "cars.json", "seattle-weather.csv", "flights-20k.json");
  }, 120_000);

  afterAll(async () => {
    await harness?.close();
  });

  const ask = (question: string, threadId = `t-${Math.random()}`, channelId = "C-multi") =>
    runQuestion(harness.runtime.pipelineDeps(), { ref: { teamId: "T1", channelId }, question, threadId });

  it("answers from the right table of several with zero LLM calls, every number grounded", async () => {
    const { events, answer } = await ask("Average miles per gallon by origin");
    expect(answer.llmCalls).toBe(0);
    expect(answer.offline).toBe(true);
    expect(answer.classification).toBe("SQL_ONLY");
    expect(answer.final?.sql).toContain('"cars"');
    expect(answer.final?.grounded).toBe(true);
    const known = collectNumbers(answer.result?.rows ?? []);
    expect(checkText(answer.final?.text ?? "", known).grounded).toBe(true);
    expect(answer.chartPng?.subarray(1, 4).toString()).toBe("PNG");
    expect(events.some((e) => e.type === "key_rotation_event")).toBe(false);
  });

  it("forecasts with Python in the sandbox and returns the predictions as the result table", async () => {
    const { answer } = await ask("Forecast the number of flights per day for the next 7 days");
    expect(answer.classification).toBe("SQL_THEN_PY");
    expect(answer.error).toBeNull();
    expect(answer.final?.code).toContain("forecast");
    expect(answer.result?.rows.length).toBeGreaterThanOrEqual(7);
  });

  it("asks back with rephrasings built from real columns when it cannot parse the question", async () => {
    const { events, answer } = await ask("Who will win the next World Cup?");
    expect(answer.classification).toBe("CLARIFY");
    expect(events.some((e) => e.type === "sql_result")).toBe(false);
    const suggestions = answer.final?.follow_ups.join(" ") ?? "";
    const columns = [
      "Horsepower",
      "Miles_per_Gallon",
      "Origin",
      "precipitation",
      "temp_max",
      "weather",
      "delay",
      "distance",
      "origin",
    ];
    expect(
      columns.some(
        (c) => suggestions.toLowerCase().includes(c.toLowerCase().replaceAll("_", " ")) || suggestions.includes(c),
      ),
    ).toBe(true);
  });

  it("remembers the thread: the exchange is stored and becomes an accumulated insight", async () => {
    await ask("What is the average horsepower?", "thread-memory");
    const store = harness.runtime.store;
    const session = await store.sessions.find("T1", "C-multi");
    const insights = await store.insights.recent(session!.id, 5);
    expect(insights.some((i) => i.query === "What is the average horsepower?" && i.finding.includes("105"))).toBe(true);
    const conversation = await store.conversations.ensure(session!.id, "thread-memory");
    const history = await store.conversations.history(conversation.id, 10);
    expect(history.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("tells a channel with no data how to upload some", async () => {
    const { events, answer } = await ask("What is the average horsepower?", "t", "C-empty");
    const error = events.find((e) => e.type === "error");
    expect(error?.type === "error" && error.data.stage).toBe("loading");
    expect(answer.error).toMatch(/no data yet.*Upload a CSV/i);
  });

  it("refuses SQL the guard rejects even when a plan carries it, with a message naming it", async () => {
    const result = await harness.runtime.engine
      .query({ teamId: "T1", channelId: "C-multi" }, "DELETE FROM cars")
      .catch((e: Error) => e);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toMatch(/DELETE/);
  });
});
