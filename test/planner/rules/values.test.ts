// Known values: every value of a few-valued text column can be named, and a named value that matches nothing
// makes the planner ask back (with the closest known values) instead of answering without the filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import type { ClarifyPlan } from "../../../src/planner/index.js";
import { type Fixture, intentOf, planRules, readRows, startFixture } from "./datasets.js";

let fx: Fixture;
let gapminder: DataDna;
beforeAll(async () => {
  fx = startFixture();
  gapminder = (await fx.ask("gapminder.json", "Average fertility by year")).dna;
});
afterAll(async () => {
  await fx.close();
});

describe("rule planner and known values", () => {
  it("filters on a value outside the ten most frequent ones", async () => {
    const country = gapminder.columns.find((c) => c.name === "country")!;
    expect(country.top!.map((t) => t.value)).not.toContain("Japan");
    const asked = await fx.ask("gapminder.json", "What was the life expectancy of Japan in 2005?");
    expect(intentOf(asked.plan).filters).toContainEqual({ kind: "equals", column: "country", value: "Japan" });
    const expected = readRows("gapminder.json").find((r) => r.country === "Japan" && r.year === 2005)!.life_expect;
    expect(asked.result!.rows[0]![0]).toBeCloseTo(Number(expected), 6);
  });

  it("falls back to the top values for profiles made before all values were kept", () => {
    const old: DataDna = { ...gapminder, columns: gapminder.columns.map(({ values: _drop, ...c }) => c) };
    const top = String(old.columns.find((c) => c.name === "country")!.top![0]!.value);
    const plan = planRules(`Average fertility of ${top}`, { tables: [old] });
    expect(intentOf(plan).filters).toContainEqual({ kind: "equals", column: "country", value: top });
  });

  it("asks which value was meant when a named value is in no column, instead of dropping the filter", async () => {
    const { plan } = await fx.ask("population.json", "What was the population of China in 2000?");
    expect(plan.classification).toBe("CLARIFY");
    expect((plan as ClarifyPlan).message).toMatch(/couldn't find "China" in population/);
  });

  it("offers the closest known values for a misspelt or unknown name", async () => {
    const typo = planRules("What was the life expectancy of Chna in 2000?", { tables: [gapminder] }) as ClarifyPlan;
    expect(typo.classification).toBe("CLARIFY");
    expect(typo.message).toContain('Did you mean "China" (country)');
    const { plan } = await fx.ask("stocks.csv", "What was the maximum price of 'APPL'?");
    expect((plan as ClarifyPlan).message).toMatch(/"APPL".*"AAPL" \(symbol\)/);
  });

  it("does not mistake a capitalised column, the first word or a month for an unknown value", async () => {
    for (const question of ["What is the average Horsepower by Origin?", "Show Average MPG for cars from Japan"]) {
      const { plan } = await fx.ask("cars.json", question);
      expect(plan.classification, question).toBe("SQL_ONLY");
    }
    const { plan } = await fx.ask("seattle-weather.csv", "Average wind in March by year");
    expect(plan.classification).not.toBe("CLARIFY");
  });
});
