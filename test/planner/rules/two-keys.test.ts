// "X by A and B": both columns grouped, the time key first as the chart's x and the other as its colour.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText, collectNumbers } from "../../../src/pipeline/index.js";
import type { SqlOnlyPlan } from "../../../src/planner/index.js";
import { composeRules, type Fixture, groupBy, intentOf, mean, num, readRows, startFixture } from "./datasets.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("rule planner with two groupings", () => {
  it("averages by symbol and year with one row per pair, drawn as lines coloured by symbol", async () => {
    const asked = await fx.ask("stocks.csv", "Average price by symbol and year");
    const plan = asked.plan as SqlOnlyPlan;
    expect(plan.chart).toEqual({ type: "line", x: "year", y: "avg_price", color: "symbol" });
    const stocks = readRows("stocks.csv");
    const expected = groupBy(
      stocks,
      (s) => `${String(s.date).split(" ").at(-1)}|${s.symbol}`,
      (s) => num(s.price),
      mean,
    );
    const rows = asked.result!.rows;
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) expect(row[2] as number).toBeCloseTo(expected.get(`${row[0]}|${row[1]}`)!, 6);
    const answer = await composeRules(plan, asked.dna, asked.result!);
    expect(checkText(answer.text, collectNumbers(rows)).grounded).toBe(true);
    expect(answer.text).toMatch(/highest for 2007 \/ GOOG/);
  });

  it("counts rows by two categories and draws bars coloured by the second", async () => {
    const asked = await fx.ask("penguins.json", "How many penguins by species and island?");
    const plan = asked.plan as SqlOnlyPlan;
    expect(plan.chart).toEqual({ type: "bar", x: "Species", y: "n_penguins", color: "Island" });
    expect(asked.result!.rows).toContainEqual(["Adelie", "Torgersen", 52]);
  });

  it("keeps a single grouping when 'and' joins a measure, not a second group, and averages both measures", async () => {
    const asked = await fx.ask("cars.json", "Average horsepower and weight by origin");
    expect(intentOf(asked.plan).splitBy ?? null).toBeNull();
    expect(asked.result!.columns.slice(0, 3)).toEqual(["Origin", "avg_horsepower", "avg_weight_in_lbs"]);
    const cars = readRows("cars.json");
    const weights = groupBy(
      cars,
      (c) => c.Origin,
      (c) => num(c.Weight_in_lbs),
      mean,
    );
    for (const row of asked.result!.rows) expect(row[2] as number).toBeCloseTo(weights.get(String(row[0]))!, 6);
  });
});
