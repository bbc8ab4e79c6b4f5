// CLARIFY answers, table choice among several tables, and SQL that stays valid for awkward names and values.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import type { Plan, SqlOnlyPlan } from "../../../src/planner/index.js";
import { type Fixture, planRules, sqlOf, startFixture } from "./datasets.js";

let fx: Fixture;
let cars: DataDna;
let seattle: DataDna;
let stocks: DataDna;
beforeAll(async () => {
  fx = startFixture();
  cars = (await fx.ask("cars.json", "What is the average horsepower?")).dna;
  seattle = (await fx.ask("seattle-weather.csv", "How many days had rain?")).dna;
  stocks = (await fx.ask("stocks.csv", "Average price by symbol")).dna;
});
afterAll(async () => {
  await fx.close();
});

const tableOf = (plan: Plan) => (plan.classification === "CLARIFY" ? null : plan.tables[0]);

describe("rule planner CLARIFY", () => {
  it("says what it can answer and suggests three questions built from the table's columns", async () => {
    const plan = planRules("what is the meaning of life", { tables: [cars] });
    if (plan.classification !== "CLARIFY") throw new Error("expected CLARIFY");
    expect(plan.message).toMatch(/averages, totals, counts/);
    expect(plan.message).toMatch(/horsepower/);
    expect(plan.missing).toEqual(["meaning", "life"]);
    expect(plan.rephrasings).toHaveLength(3);
    for (const suggestion of plan.rephrasings) {
      const again = planRules(suggestion, { tables: [cars] });
      expect(again.classification, suggestion).toBe("SQL_ONLY");
      await expect(fx.engine.query(fx.ref("cars.json"), (again as SqlOnlyPlan).sql)).resolves.toBeDefined();
    }
  });

  it("asks for data when the channel has no table", () => {
    const plan = planRules("What is the average horsepower?", { tables: [] });
    expect(plan.classification).toBe("CLARIFY");
    if (plan.classification === "CLARIFY") expect(plan.message).toMatch(/Upload/);
  });
});

describe("rule planner table choice", () => {
  it("picks the table whose columns and values the question names", () => {
    const tables = [cars, seattle, stocks];
    const table = (q: string) => tableOf(planRules(q, { tables }));
    expect(table("Average price by symbol")).toBe(stocks.table);
    expect(table("How many days had rain?")).toBe(seattle.table);
    expect(table("Average horsepower by origin")).toBe(cars.table);
    expect(table("What was the maximum price of AAPL?")).toBe(stocks.table);
  });

  it("falls back to the thread's last table when the question fits several equally", () => {
    const tables = [cars, seattle, stocks];
    const history = [{ question: "Average price by symbol", answer: "", sql: null, table: stocks.table, turn: null }];
    expect(tableOf(planRules("How many rows are there?", { tables, history }))).toBe(stocks.table);
    expect(tableOf(planRules("How many rows are there?", { tables }))).toBe(cars.table);
  });
});

describe("rule planner SQL safety", () => {
  it("quotes odd column names and escapes quotes in known values", async () => {
    const file = path.join(tmpdir(), `odd-${process.pid}.csv`);
    writeFileSync(file, 'player,team,"Score (""pts"")"\nann,O\'Brien\'s,10\nbob,O\'Brien\'s,20\ncy,Lee,5\n');
    const ref = { teamId: "TODD", channelId: "CODD" };
    await fx.engine.ingest(ref, { path: file, name: "odd scores.csv" });
    const [dna] = await fx.engine.dna(ref);
    const avg = planRules("Average score by team", { tables: [dna!] }) as SqlOnlyPlan;
    expect(avg.sql.text).toContain('"Score (""pts"")"');
    const rows = (await fx.engine.query(ref, avg.sql)).rows;
    expect(rows).toContainEqual(["O'Brien's", 15, 2]);
    const count = planRules("How many players are in O'Brien's?", { tables: [dna!] }) as SqlOnlyPlan;
    // The value is bound as a parameter, never pasted into the text; people see it as a quoted literal.
    expect(count.sql.text).not.toContain("Brien");
    expect(count.sql.params).toContain("O'Brien's");
    expect(sqlOf(count)).toContain("'O''Brien''s'");
    expect((await fx.engine.query(ref, count.sql)).rows[0]![0]).toBe(2);
  });
});

describe("rule planner value codes", () => {
  it("matches an airport code written in capitals but not the English word it spells", async () => {
    const flights = (await fx.ask("flights-20k.json", "What is the average delay?")).dna;
    const from = planRules("What is the average delay of flights from SEA?", { tables: [flights] });
    expect(sqlOf(from)).toContain(`"origin" = 'SEA'`);
    const perDay = planRules("Forecast the number of flights per day for the next 7 days", { tables: [flights] });
    expect(sqlOf(perDay)).not.toContain("'DAY'");
  });
});
