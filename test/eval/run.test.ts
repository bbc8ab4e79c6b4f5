// `insightx eval` end to end: several files in one channel, turns asked in one thread, outcomes tallied, lines written.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "../../src/cli/eval/judge.js";
import { parseQuestions } from "../../src/cli/eval/question.js";
import { type EvalAnswerLine, formatSummary, runEval } from "../../src/cli/eval/run.js";
import { vegaDatasetsDir } from "../../src/util/index.js";
import { type EvalRuntime, startEvalRuntime } from "./runtime.js";

const DATA = vegaDatasetsDir();

/** AAPL's average price per year, from the raw CSV (no DuckDB, no planner). */
function aaplByYear(): Array<[string, number]> {
  const lines = readFileSync(path.join(DATA, "stocks.csv"), "utf8").trim().split("\n").slice(1);
  const byYear = new Map<string, number[]>();
  for (const line of lines) {
    const [symbol, date, price] = line.split(",");
    if (symbol !== "AAPL") continue;
    const year = date!.slice(-4);
    byYear.set(year, [...(byYear.get(year) ?? []), Number(price)]);
  }
  return [...byYear].map(([year, prices]) => [year, prices.reduce((a, b) => a + b, 0) / prices.length]);
}

describe("runEval", () => {
  let env: EvalRuntime;
  beforeAll(async () => {
    env = await startEvalRuntime();
  });
  afterAll(async () => {
    await env?.close();
  });

  it("loads every dataset of a line into one channel, asks its turns in one thread and judges the last", async () => {
    const expected = aaplByYear();
    expect(expected.length).toBeGreaterThan(5);
    const thread = {
      id: "thread",
      datasets: ["cars.json", "stocks.csv"],
      turns: ["average price of MSFT by year", "what about AAPL?"],
      kind: "rows",
      rows: expected,
      tol: 0.005,
    };
    // The same last turn alone, in its own thread, has nothing to follow up on.
    const alone = { ...thread, id: "alone", turns: ["what about AAPL?"] };
    // The second file of a line is there: a question about the first file's neighbour.
    const second = {
      id: "second",
      datasets: ["stocks.csv", "cars.json"],
      question: "How many cars have 8 cylinders?",
      kind: "value",
      value: JSON.parse(readFileSync(path.join(DATA, "cars.json"), "utf8")).filter(
        (car: { Cylinders: number }) => car.Cylinders === 8,
      ).length,
    };
    const decline = {
      id: "decline",
      dataset: "penguins.json",
      question: "which penguin is the happiest?",
      kind: "clarify",
    };
    const missing = { id: "missing", dataset: "no-such-file.csv", question: "how many rows?", kind: "value", value: 1 };
    const questions = parseQuestions(
      [thread, alone, second, decline, missing].map((l) => JSON.stringify(l)).join("\n"),
    );

    const out = path.join(env.dir, "out", "answers.jsonl");
    const outcomes: Record<string, Outcome> = {};
    const summary = await runEval(env.runtime, questions, {
      dataDir: DATA,
      out,
      onAnswer: (question, _line, outcome) => {
        outcomes[question.id] = outcome;
      },
    });

    expect(outcomes).toMatchObject({ thread: "right", second: "right", decline: "right", missing: "error" });
    expect(outcomes.alone).not.toBe("right");
    const lines = readFileSync(out, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as EvalAnswerLine);
    expect(lines.map((l) => l.id)).toEqual(["thread", "alone", "second", "decline", "missing"]);
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(
        [
          "id",
          "classification",
          "result",
          "metrics",
          "text",
          "sql",
          "code",
          "grounded",
          "llm_calls",
          "elapsed_ms",
          "error",
        ].sort(),
      );
    }
    const threadLine = lines[0]!;
    expect(threadLine.classification).toBe("SQL_ONLY");
    expect(threadLine.sql).toMatch(/AAPL/);
    expect(lines[3]!.classification).toBe("CLARIFY");
    expect(lines[4]!.error).toMatch(/no-such-file/);

    const wrongOrClarified = outcomes.alone === "wrong" ? { wrong: 1, clarified: 0 } : { wrong: 0, clarified: 1 };
    expect(summary).toMatchObject({ total: 5, judged: 5, right: 3, errors: 1, llmCalls: 0, ...wrongOrClarified });
    expect(formatSummary(summary)).toBe(
      `3/5 right (60%), ${wrongOrClarified.wrong} wrong without asking back, ${wrongOrClarified.clarified} clarified, ${summary.ungrounded} ungrounded, 1 errors, 0 LLM calls`,
    );
    // Each line's channel is forgotten once judged.
    const left = readdirSync(path.join(env.dir, "duckdb", "eval")).filter((name) => name.endsWith(".duckdb"));
    expect(left).toEqual([]);
  }, 120_000);
});
