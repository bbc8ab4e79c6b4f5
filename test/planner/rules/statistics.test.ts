// Summary statistics and group comparisons: PY_ONLY plans run with /usr/bin/python3 over the whole table,
// checked against figures computed here in plain JS, and described with grounded numbers only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkText, collectNumbers } from "../../../src/pipeline/index.js";
import type { PyOnlyPlan } from "../../../src/planner/index.js";
import { composeRules, type Fixture, intentOf, mean, num, readRows, startFixture } from "./datasets.js";
import { runPython } from "./python-runner.js";

let fx: Fixture;
beforeAll(() => {
  fx = startFixture();
});
afterAll(async () => {
  await fx.close();
});

type Table = { columns: string[]; rows: unknown[][] };

async function analyse(file: string, question: string) {
  const asked = await fx.ask(file, question);
  expect(asked.plan.classification).toBe("PY_ONLY");
  const plan = asked.plan as PyOnlyPlan;
  expect(plan.source.table).toBe(asked.dna.table);
  const table = runPython(plan.python!, asked.result!) as Table;
  const answer = await composeRules(plan, asked.dna, table, table);
  const known = collectNumbers([table, question]);
  expect(checkText(answer.text, known).ungrounded.map((m) => m.text)).toEqual([]);
  const stat = (label: string) => table.rows.find((row) => String(row[0]).startsWith(label))?.[1];
  return { plan, table, answer, stat };
}

/** Quantile with linear interpolation, as pandas computes it. */
function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (at - lo);
}

const cars = readRows("cars.json");
const horsepower = cars.map((c) => num(c.Horsepower)).filter((v): v is number => v !== null);

describe("rule planner statistics in Python", () => {
  it("summarises a measure as statistic/value rows that match the data", async () => {
    const { table, stat, answer } = await analyse("cars.json", "Summary statistics of horsepower");
    expect(table.columns).toEqual(["statistic", "value"]);
    expect(stat("count")).toBe(horsepower.length);
    expect(stat("missing")).toBe(cars.length - horsepower.length);
    expect(stat("mean") as number).toBeCloseTo(mean(horsepower), 4);
    const sorted = [...horsepower].sort((a, b) => a - b);
    expect(stat("median")).toBe(quantile(sorted, 0.5));
    const [q1, q3] = [quantile(sorted, 0.25), quantile(sorted, 0.75)];
    const outliers = sorted.filter((v) => v < q1 - 1.5 * (q3 - q1) || v > q3 + 1.5 * (q3 - q1)).length;
    expect(stat("outliers")).toBe(outliers);
    expect(stat("normality p-value") as number).toBeLessThan(0.05);
    expect(answer.text).toMatch(/not normally distributed/);
    expect(answer.metrics.mean).toBeCloseTo(mean(horsepower), 3);
  }, 30_000);

  it("reads 'is X normally distributed', 'outliers in X' and 'distribution of X' as summaries with a focus", async () => {
    const normal = await analyse("cars.json", "Is acceleration normally distributed?");
    expect(intentOf(normal.plan).focus).toBe("normality");
    expect(normal.answer.text.split(". ")[1]).toMatch(/normal/);
    const outliers = await analyse("cars.json", "Are there any outliers in horsepower?");
    expect(intentOf(outliers.plan).focus).toBe("outliers");
    expect(outliers.answer.text).toMatch(/are outliers, lying below/);
    const shape = await analyse("seattle-weather.csv", "What is the distribution of precipitation in 2014?");
    const year = readRows("seattle-weather.csv").filter((d) => String(d.date).startsWith("2014"));
    expect(shape.stat("count")).toBe(year.length);
    expect(shape.answer.text).toMatch(/right-skewed/);
  }, 60_000);

  it("describes a text column by its distinct and most common values", async () => {
    const { stat, answer } = await analyse("seattle-weather.csv", "Describe the weather column");
    expect(stat("distinct values")).toBe(5);
    expect(stat("most common: rain")).toBe(641);
    expect(answer.text).toMatch(/most common are rain \(641\)/);
  }, 30_000);

  it("compares a measure between two named groups with Welch's t-test and Cohen's d", async () => {
    const { table, answer } = await analyse("penguins.json", "Is body mass different for Adelie and Gentoo?");
    expect(table.columns).toEqual(["Species", "n", "avg_body_mass", "median_body_mass", "p_value", "cohens_d"]);
    const penguins = readRows("penguins.json");
    const masses = (species: string) =>
      penguins
        .filter((p) => p.Species === species && num(p["Body Mass (g)"]) !== null)
        .map((p) => Number(p["Body Mass (g)"]));
    expect(table.rows.map((r) => r[0])).toEqual(["Adelie", "Gentoo"]);
    expect(table.rows[0]![2] as number).toBeCloseTo(mean(masses("Adelie")), 3);
    expect(table.rows[1]![1]).toBe(masses("Gentoo").length);
    expect(table.rows[0]![4] as number).toBeLessThan(0.001);
    expect(answer.text).toMatch(/statistically significant \(Welch's t-test/);
    expect(answer.text).toMatch(/large effect/);
  }, 30_000);

  it("finds no significant difference where the groups overlap, and compares years of a date column", async () => {
    const hp = await analyse("cars.json", "Compare horsepower between Europe and Japan");
    expect(hp.table.rows[0]![4] as number).toBeGreaterThan(0.05);
    expect(hp.answer.text).toMatch(/not statistically significant/);
    const years = await analyse("barley.json", "Compare yield between 1931 and 1932");
    expect(years.table.rows.map((r) => r[0])).toEqual([1931, 1932]);
    const barley = readRows("barley.json");
    const y1931 = barley.filter((b) => b.year === 1931).map((b) => Number(b.yield));
    expect(years.table.rows[0]![2] as number).toBeCloseTo(mean(y1931), 3);
  }, 60_000);

  it("tests a category between groups with chi-square and reports each group's shares", async () => {
    const { table, answer, plan } = await analyse(
      "seattle-weather.csv",
      "Is the weather different between 2012 and 2015?",
    );
    expect(plan.python).toContain('df["year"] = pd.to_datetime(df["date"]).dt.year');
    expect(table.columns).toContain("cramers_v");
    const days2015 = readRows("seattle-weather.csv").filter((d) => String(d.date).startsWith("2015"));
    const sun = days2015.filter((d) => d.weather === "sun").length;
    const row2015 = table.rows.find((r) => r[0] === 2015)!;
    expect(row2015[table.columns.indexOf("pct_sun")] as number).toBeCloseTo((100 * sun) / days2015.length, 2);
    expect(answer.text).toMatch(/chi-square/);
  }, 30_000);

  it("compares every group with ANOVA when no groups are named, largest mean first", async () => {
    const { table, answer } = await analyse("cars.json", "Is acceleration different across origins?");
    expect(table.rows).toHaveLength(3);
    expect(table.columns).toContain("eta_squared");
    const means = table.rows.map((r) => r[2] as number);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    expect(answer.text).toMatch(/one-way ANOVA/);
  }, 30_000);
});
