// The planner's Python run with /usr/bin/python3 (the analytics helpers on PYTHONPATH) over real SQL results.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PythonPlan } from "../../../src/planner/index.js";
import { type Fixture, num, readRows, startFixture } from "./datasets.js";
import { runPython } from "./python-runner.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

type Table = { columns: string[]; rows: unknown[][] };

async function runBoth(file: string, question: string) {
  const asked = await fx.ask(file, question);
  expect(asked.plan.classification).toBe("SQL_THEN_PY");
  const plan = asked.plan as PythonPlan;
  const table = runPython(plan.python!, asked.result!) as Table;
  expect(Array.isArray(table.columns)).toBe(true);
  return { plan, table, sql: asked.result! };
}

describe("rule planner Python", () => {
  it("flags the wettest day among the anomalies of a daily series", async () => {
    const { table } = await runBoth("seattle-weather.csv", "Find anomalies in daily precipitation");
    const values = table.rows.map((row) => row[table.columns.indexOf("total_precipitation")]);
    const wettest = Math.max(...readRows("seattle-weather.csv").map((d) => Number(d.precipitation)));
    expect(values[0]).toBe(wettest);
    expect(table.columns).toEqual(expect.arrayContaining(["day", "expected", "z_score"]));
    expect(table.rows.length).toBeLessThan(100);
  }, 30_000);

  it("finds unusual rows with the whole table's mean when rows are not a series", async () => {
    const { table } = await runBoth("cars.json", "Find outliers in horsepower");
    const hp = readRows("cars.json")
      .map((c) => num(c.Horsepower))
      .filter((v): v is number => v !== null);
    expect(table.rows[0]).toContain(Math.max(...hp));
    const expected = table.rows[0]![table.columns.indexOf("expected")] as number;
    expect(expected).toBeCloseTo(hp.reduce((a, b) => a + b, 0) / hp.length, 3);
    expect(table.columns).not.toContain("mean_all");
  }, 30_000);

  it("forecasts daily counts for the asked horizon, inside a sane range, on the following days", async () => {
    const { table, sql } = await runBoth(
      "flights-20k.json",
      "Forecast the number of flights per day for the next 7 days",
    );
    expect(table.columns).toEqual(["day", "forecast", "lower", "upper"]);
    expect(table.rows).toHaveLength(7);
    const observed = sql.rows.map((row) => Number(row[1]));
    const [low, high] = [Math.min(...observed), Math.max(...observed)];
    for (const row of table.rows) {
      expect(Number(row[1])).toBeGreaterThanOrEqual(low);
      expect(Number(row[1])).toBeLessThanOrEqual(high);
    }
    const lastDay = String(sql.rows.at(-1)![0]).slice(0, 10);
    expect(String(table.rows[0]![0]) > lastDay).toBe(true);
  }, 30_000);

  it("forecasts a yearly series keyed by an integer year column", async () => {
    const { table } = await runBoth("gapminder.json", "Forecast average fertility for the next 3 years");
    expect(table.rows.map((row) => row[0])).toEqual(["2006", "2007", "2008"]);
  }, 30_000);

  it("writes only the branches that apply: no constant conditions or template residue in shown code", async () => {
    const questions: Array<[string, string]> = [
      ["seattle-weather.csv", "Find anomalies in daily precipitation"],
      ["cars.json", "Find outliers in horsepower"],
      ["flights-20k.json", "Forecast the number of flights per day for the next 7 days"],
      ["gapminder.json", "Forecast average fertility for the next 3 years"],
      ["cars.json", "Summary statistics of horsepower for cars from Japan"],
      ["cars.json", "Is horsepower different for Europe and Japan?"],
    ];
    for (const [file, question] of questions) {
      const plan = (await fx.ask(file, question)).plan as PythonPlan;
      const code = plan.python!;
      expect(code, question).not.toMatch(/\b(True|False) (and|or)\b|\bif (True|False)\b|\bif (True|False) else\b/);
      expect(code, question).not.toMatch(/\$\{|undefined|null\b|\n{3,}/);
      expect(code, question).toMatch(/^# /m);
    }
  });
});
