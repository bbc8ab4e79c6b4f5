// Follow-ups in a thread: the previous question is planned again with the change applied. History turns are
// built the way the pipeline's context step builds them ({question, answer, sql, table}, newest last).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import type { PriorTurn, SqlOnlyPlan } from "../../../src/planner/index.js";
import { type Fixture, groupBy, intentOf, mean, num, planRules, readRows, startFixture, turnOf } from "./datasets.js";

let fx: Fixture;
let seattle: DataDna;
let gapminder: DataDna;
beforeAll(async () => {
  fx = startFixture();
  seattle = (await fx.ask("seattle-weather.csv", "How many days had rain?")).dna;
  gapminder = (await fx.ask("gapminder.json", "Average fertility by year")).dna;
});
afterAll(async () => {
  await fx.close();
});

/** Asks each question in turn in one thread, returning every plan and its rows. */
async function thread(file: string, dna: DataDna, questions: string[]) {
  const history: PriorTurn[] = [];
  const out: Array<{ plan: SqlOnlyPlan; rows: unknown[][] }> = [];
  for (const question of questions) {
    const plan = planRules(question, { tables: [dna], history: [...history] });
    expect(plan.classification, question).toBe("SQL_ONLY");
    const executable = plan as SqlOnlyPlan;
    const rows = (await fx.engine.query(fx.ref(file), executable.sql)).rows;
    out.push({ plan: executable, rows });
    history.push(turnOf(question, plan));
  }
  return out;
}

const weather = readRows("seattle-weather.csv");
const rainShare = (year: string) => {
  const days = weather.filter((d) => String(d.date).startsWith(year));
  return (100 * days.filter((d) => d.weather === "rain").length) / days.length;
};

describe("rule planner follow-ups", () => {
  it("answers 'how does that compare to last year?' with the latest year and the year before, in order", async () => {
    const [, yoy] = await thread("seattle-weather.csv", seattle, [
      "What share of days had rain?",
      "How does that compare to last year?",
    ]);
    expect(yoy!.rows.map((r) => r[0])).toEqual([2014, 2015]);
    expect(yoy!.rows[0]!.at(-1) as number).toBeCloseTo(rainShare("2014"), 6);
    expect(yoy!.rows[1]!.at(-1) as number).toBeCloseTo(rainShare("2015"), 6);
  });

  it("compares with the previous year present in the data when years are spaced out", async () => {
    const [, yoy] = await thread("gapminder.json", gapminder, [
      "Average life expectancy of Japan in 2000",
      "how does that compare to last year?",
    ]);
    const japan = readRows("gapminder.json").filter((r) => r.country === "Japan");
    const at = (year: number) => japan.find((r) => r.year === year)!.life_expect;
    expect(yoy!.rows.map((r) => [r[0], r[1]])).toEqual([
      [1995, at(1995)],
      [2000, at(2000)],
    ]);
  });

  it("swaps a value, then the measure, keeping the rest of the question", async () => {
    const [, china, fertility] = await thread("gapminder.json", gapminder, [
      "Average life expectancy of Japan in 2000",
      "What about China?",
      "same for fertility",
    ]);
    const row = readRows("gapminder.json").find((r) => r.country === "China" && r.year === 2000)!;
    expect(china!.rows[0]![0]).toBe(row.life_expect);
    expect(intentOf(fertility!.plan).filters).toContainEqual({ kind: "equals", column: "country", value: "China" });
    expect(fertility!.rows[0]![0]).toBe(row.fertility);
  });

  it("changes the grain of a series and then draws it as the asked chart type", async () => {
    const [, monthly, bars] = await thread("seattle-weather.csv", seattle, [
      "Average temp_max by year",
      "and by month?",
      "show it as a bar chart",
    ]);
    expect(intentOf(monthly!.plan).groupBy).toEqual({ column: "date", grain: "month" });
    expect(monthly!.rows).toHaveLength(48);
    const jan2012 = weather.filter((d) => String(d.date).startsWith("2012-01")).map((d) => num(d.temp_max)!);
    expect(monthly!.rows[0]![1] as number).toBeCloseTo(mean(jan2012), 6);
    expect(bars!.plan.chart?.type).toBe("bar");
    expect(bars!.plan.sql).toEqual(monthly!.plan.sql);
  });

  it("reads a year said alone as that year of the previous series", async () => {
    const [, one] = await thread("seattle-weather.csv", seattle, ["Average temp_min by year", "what about 2013?"]);
    const byYear = groupBy(
      weather,
      (d) => String(d.date).slice(0, 4),
      (d) => num(d.temp_min),
      mean,
    );
    expect(one!.rows).toHaveLength(1);
    expect(one!.rows[0]![0] as number).toBeCloseTo(byYear.get("2013")!, 6);
  });

  it("treats a question that stands on its own as new, even in a thread", async () => {
    const [, fresh] = await thread("seattle-weather.csv", seattle, [
      "Average temp_max by year",
      "How many days had snow?",
    ]);
    expect(intentOf(fresh!.plan).target).toEqual({ kind: "equals", column: "weather", value: "snow" });
    expect(intentOf(fresh!.plan).groupBy).toBeNull();
  });
});
