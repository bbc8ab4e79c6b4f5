// The rule planner's composer writes only numbers it was given: every figure in its text and metrics is a result value
// (or a filter value the question itself said), and it offers follow-ups that the planner can answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectNumbers, findNumbers, isGrounded } from "../../../src/pipeline/index.js";
import type { ExecutablePlan, PythonPlan } from "../../../src/planner/index.js";
import { composeRules, type Fixture, intentOf, planRules, startFixture } from "./datasets.js";
import { runPython } from "./python-runner.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

const QUESTIONS: Array<[string, string]> = [
  ["cars.json", "What is the average horsepower?"],
  ["cars.json", "Average miles per gallon by origin"],
  ["cars.json", "Which origin has the most cars?"],
  ["cars.json", "Top 5 cars by horsepower"],
  ["cars.json", "What is the correlation between weight and miles per gallon?"],
  ["cars.json", "How many cars have 8 cylinders?"],
  ["cars.json", "Average mpg by cylinders"],
  ["seattle-weather.csv", "What percentage of days were sunny?"],
  ["seattle-weather.csv", "Total precipitation per year"],
  ["seattle-weather.csv", "Average max temperature by month of year"],
  ["seattle-weather.csv", "What share of days were rainy each year?"],
  ["stocks.csv", "What was the maximum price of AAPL?"],
  ["stocks.csv", "Which stock had the highest price in 2008?"],
  ["movies.json", "Top 5 directors by total worldwide gross"],
  ["movies.json", "How many movies have an IMDB rating above 8?"],
  ["population.json", "What was the total number of people in 2000?"],
  ["disasters.csv", "Which year had the most deaths from all natural disasters?"],
  ["flights-20k.json", "Average delay by hour of day"],
  ["penguins.json", "Histogram of body mass"],
  ["penguins.json", "How many penguins are on each island?"],
  ["weather.csv", "How many days had snow in Seattle?"],
];

/** Numbers a reader could check: every cell of the result, plus the filter values the question said. */
function knownFor(plan: ExecutablePlan, ...tables: unknown[]): number[] {
  const intent = intentOf(plan);
  const said = intent.filters.flatMap((f) => (f.kind === "compare" ? [f.value] : f.kind === "year" ? [f.year] : []));
  const target = intent.target as { kind: string; value: number } | null | undefined;
  const targetValue = target?.kind === "compare" ? [target.value] : [];
  return [...collectNumbers(tables), ...said, ...targetValue];
}

function expectGrounded(text: string, metrics: Record<string, number | string>, known: number[]) {
  const loose = findNumbers(text).filter((m) => !isGrounded(m, known));
  expect(
    loose.map((m) => m.text),
    text,
  ).toEqual([]);
  for (const [key, value] of Object.entries(metrics)) {
    if (typeof value === "number")
      expect(
        known.some((k) => Math.abs(k - value) <= Math.abs(k) * 1e-4 + 1e-6),
        key,
      ).toBe(true);
  }
}

describe("rule planner composition", () => {
  it.each(QUESTIONS)("grounds every number of its answer to %s: %s", async (file, question) => {
    const asked = await fx.ask(file, question);
    const plan = asked.plan as ExecutablePlan;
    const result = { columns: asked.result!.columns, rows: asked.result!.rows };
    const answer = await composeRules(plan, asked.dna, result);
    expect(answer.text.length).toBeGreaterThan(20);
    expectGrounded(answer.text, answer.metrics, knownFor(plan, result.rows));
    expect(answer.followUps.length).toBeGreaterThanOrEqual(1);
    expect(answer.followUps.length).toBeLessThanOrEqual(3);
    for (const followUp of answer.followUps) {
      expect(planRules(followUp, { tables: [asked.dna] }).classification, followUp).not.toBe("CLARIFY");
    }
  });

  it("states the headline value and its row count for a single aggregate", async () => {
    const asked = await fx.ask("cars.json", "What is the average horsepower?");
    const answer = await composeRules(asked.plan as ExecutablePlan, asked.dna, asked.result!);
    expect(answer.text).toBe("The average horsepower is 105.08 across 400 cars with a value.");
    expect(answer.metrics).toEqual({ avg_horsepower: 105.0825, n_cars: 400 });
  });

  it("describes the Python table, not the SQL series, for anomalies and forecasts", async () => {
    for (const [file, question] of [
      ["seattle-weather.csv", "Find anomalies in daily precipitation"],
      ["flights-20k.json", "Forecast the number of flights per day for the next 7 days"],
    ] as const) {
      const asked = await fx.ask(file, question);
      const plan = asked.plan as PythonPlan;
      const python = runPython(plan.python!, asked.result!);
      const answer = await composeRules(plan, asked.dna, asked.result!, python);
      expectGrounded(answer.text, answer.metrics, knownFor(plan, python));
      expect(Object.keys(answer.metrics)).toContain(intentOf(plan).kind === "forecast" ? "forecast" : "z_score");
    }
  }, 60_000);

  it("reads a one-period trend as a single value, not a change from itself", async () => {
    const asked = await fx.ask("seattle-weather.csv", "Average max temperature by year in 2013");
    const plan = asked.plan as ExecutablePlan;
    expect(asked.result!.rows).toHaveLength(1);
    const answer = await composeRules(plan, asked.dna, asked.result!);
    expect(answer.text).not.toMatch(/went from/);
    expect(answer.text).toMatch(/16\.06 in 2013/);
  });

  it("says so instead of inventing numbers when the result is empty", async () => {
    const asked = await fx.ask("cars.json", "How many cars have more than 200 horsepower?");
    const answer = await composeRules(asked.plan as ExecutablePlan, asked.dna, {
      columns: asked.result!.columns,
      rows: [],
    });
    expect(findNumbers(answer.text)).toEqual([]);
    expect(answer.metrics).toEqual({});
  });
});
