// "X by A and B": both columns grouped, the time key first as the chart's x and the other as its colour.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecutablePlan } from "../../../src/llm/offline/index.js";
import { composeOffline } from "../../../src/llm/offline/index.js";
import { checkText, collectNumbers } from "../../../src/pipeline/index.js";
import { type Fixture, groupBy, mean, num, readRows, startFixture } from "./datasets.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

describe("offline planner with two groupings", () => {
  it("averages by symbol and year with one row per pair, drawn as lines coloured by symbol", async () => {
    const asked = await fx.ask("stocks.csv", "Average price by symbol and year");
    const plan = asked.plan as ExecutablePlan;
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
    const answer = composeOffline(plan, asked.result!);
    expect(checkText(answer.text, collectNumbers(rows)).grounded).toBe(true);
    expect(answer.text).toMatch(/highest for 2007 \/ GOOG/);
  });

  it("counts rows by two categories and draws bars coloured by the second", async () => {
    const asked = await fx.ask("penguins.json", "How many penguins by species and island?");
    const plan = asked.plan as ExecutablePlan;
    expect(plan.chart).toEqual({ type: "bar", x: "Species", y: "n_penguins", color: "Island" });
    expect(asked.result!.rows).toContainEqual(["Adelie", "Torgersen", 52]);
  });

  it("keeps a single grouping when 'and' joins a measure, not a second group", async () => {
    const asked = await fx.ask("cars.json", "Average horsepower and weight by origin");
    expect((asked.plan as ExecutablePlan).intent.splitBy).toBeUndefined();
  });
});
