import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText, collectNumbers, runQuestion } from "../../src/pipeline/index.js";
import { DATASETS, type Harness, load, startHarness } from "./harness.js";

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
    expect(answer.provenance).toEqual({
      planner: "rules",
      fallback: { reason: "no_model", detail: "no LLM key is configured" },
    });
    expect(answer.final?.text).not.toMatch(/offline planner/);
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

  it("applies ten follow-ups in one thread to the plan stored with each answer", async () => {
    const thread = `chain-${Math.random()}`;
    const turns = [
      "Average horsepower by origin",
      "only for 4 cylinder cars",
      "what about weight?",
      "and the median?",
      "only cars from 1975 or later",
      "show it as a pie chart",
      "what about 8 cylinder cars?",
      "and by year",
      "only USA",
      "what about acceleration?",
    ];
    const answers: Array<Awaited<ReturnType<typeof ask>>["answer"]> = [];
    for (const question of turns) {
      const { answer } = await ask(question, thread);
      expect(answer.error, question).toBeNull();
      expect(answer.classification, question).toBe("SQL_ONLY");
      answers.push(answer);
    }
    const last = answers.at(-1);
    const cars = JSON.parse(readFileSync(path.join(DATASETS, "cars.json"), "utf8")) as Array<Record<string, unknown>>;
    const byYear = new Map<number, number[]>();
    for (const car of cars) {
      const year = Number(String(car.Year).slice(0, 4));
      if (car.Cylinders !== 8 || car.Origin !== "USA" || year < 1975 || typeof car.Acceleration !== "number") continue;
      byYear.set(year, [...(byYear.get(year) ?? []), car.Acceleration]);
    }
    const median = (v: number[]) => {
      const s = [...v].sort((a, b) => a - b);
      return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
    };
    expect(last!.result!.rows).toHaveLength(byYear.size);
    for (const [year, value] of last!.result!.rows)
      expect(value as number).toBeCloseTo(median(byYear.get(Number(year))!), 6);
    // The pie asked for is drawn while it fits (shares of origins); a series of years is drawn as a line.
    expect(answers[5]!.chartType).toBe("pie");
    expect(last!.chartType).toBe("line");
    const store = harness.runtime.store;
    const session = await store.sessions.find("T1", "C-multi");
    const conversation = await store.conversations.ensure(session!.id, thread);
    const history = await store.conversations.history(conversation.id, 40);
    const plans = history.filter((m) => m.role === "assistant").map((m) => m.plan as { by?: string } | null);
    expect(plans).toHaveLength(10);
    expect(plans.every((plan) => plan?.by === "rules")).toBe(true);
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
