// A chain of ten follow-ups in one thread, each applied to the stored intent of the turn before (never to the
// words of older questions), checked at every step against figures computed here from the raw rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import type { PriorTurn, SqlOnlyPlan } from "../../../src/planner/index.js";
import {
  type Fixture,
  groupBy,
  intentOf,
  mean,
  num,
  planRules,
  type Rec,
  readRows,
  startFixture,
  turnOf,
} from "./datasets.js";

let fx: Fixture;
let cars: DataDna;
beforeAll(async () => {
  fx = startFixture();
  cars = (await fx.ask("cars.json", "How many rows are there?")).dna;
});
afterAll(async () => {
  await fx.close();
});

const rows = readRows("cars.json");
const year = (c: Rec) => Number(String(c.Year).slice(0, 4));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Expected groups: key → reduced measure, over the rows that pass `keep`. */
function expected(
  keep: (c: Rec) => boolean,
  key: (c: Rec) => unknown,
  measure: string,
  reduce: (v: number[]) => number,
) {
  return groupBy(rows.filter(keep), key, (c) => num(c[measure]), reduce);
}

function expectRows(result: unknown[][], want: Map<string, number>) {
  expect(result.length).toBe(want.size);
  for (const row of result) expect(row[1] as number, String(row[0])).toBeCloseTo(want.get(String(row[0]))!, 6);
}

describe("a chain of ten follow-ups", () => {
  it("applies each change to the stored plan, so the tenth answer still has every earlier change", async () => {
    const history: PriorTurn[] = [];
    const ask = async (question: string) => {
      const plan = planRules(question, { tables: [cars], history: [...history] });
      expect(plan.classification, question).toBe("SQL_ONLY");
      const result = (await fx.engine.query(fx.ref("cars.json"), (plan as SqlOnlyPlan).sql)).rows;
      history.push(turnOf(question, plan));
      return { plan: plan as SqlOnlyPlan, result };
    };
    const origin = (c: Rec) => c.Origin;
    const four = (c: Rec) => c.Cylinders === 4;

    const first = await ask("Average horsepower by origin");
    expectRows(
      first.result,
      expected(() => true, origin, "Horsepower", mean),
    );

    const second = await ask("only for 4 cylinder cars");
    expectRows(second.result, expected(four, origin, "Horsepower", mean));

    const third = await ask("what about weight?");
    expectRows(third.result, expected(four, origin, "Weight_in_lbs", mean));

    const fourth = await ask("and the median?");
    expectRows(fourth.result, expected(four, origin, "Weight_in_lbs", median));

    const since = (c: Rec) => four(c) && year(c) >= 1975;
    const fifth = await ask("only cars from 1975 or later");
    expectRows(fifth.result, expected(since, origin, "Weight_in_lbs", median));

    const sixth = await ask("show it as a pie chart");
    expect(sixth.plan.chart?.type).toBe("pie");
    expect(sixth.plan.sql).toEqual(fifth.plan.sql);

    const eight = (c: Rec) => c.Cylinders === 8 && year(c) >= 1975;
    const seventh = await ask("what about 8 cylinder cars?");
    expectRows(seventh.result, expected(eight, origin, "Weight_in_lbs", median));

    const eighth = await ask("and by year");
    expect(intentOf(eighth.plan).kind).toBe("trend");
    expectRows(eighth.result, expected(eight, year, "Weight_in_lbs", median));

    const usa = (c: Rec) => eight(c) && c.Origin === "USA";
    const ninth = await ask("only USA");
    expectRows(ninth.result, expected(usa, year, "Weight_in_lbs", median));

    const tenth = await ask("what about acceleration?");
    expectRows(tenth.result, expected(usa, year, "Acceleration", median));
    const final = intentOf(tenth.plan);
    expect(final.filters).toEqual(
      expect.arrayContaining([
        { kind: "compare", column: "Cylinders", op: "=", value: 8 },
        { kind: "year", column: "Year", op: ">=", year: 1975 },
        { kind: "equals", column: "Origin", value: "USA" },
      ]),
    );
    expect(final.filters).toHaveLength(3);
    // The pie asked for at the sixth turn is kept until another chart is asked for.
    expect(tenth.plan.chart?.type).toBe("pie");
  });

  it("asks back about a follow-up word it cannot place instead of dropping it", async () => {
    const first = planRules("Average horsepower by origin", { tables: [cars] });
    const plan = planRules("only the reliable ones", {
      tables: [cars],
      history: [turnOf("Average horsepower by origin", first)],
    });
    expect(plan.classification).toBe("CLARIFY");
    if (plan.classification === "CLARIFY") expect(plan.missing).toEqual(["reliable"]);
  });
});
