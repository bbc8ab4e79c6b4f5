// CLARIFY answers, table choice among several tables, and SQL that stays valid for awkward names and values.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import { type ExecutablePlan, planOffline } from "../../../src/llm/offline/index.js";
import { type Fixture, startFixture } from "./datasets.js";

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

describe("offline planner CLARIFY", () => {
  it("says what it can answer and suggests three questions built from the table's columns", async () => {
    const plan = planOffline("what is the meaning of life", { tables: [cars] });
    expect(plan.classification).toBe("CLARIFY");
    if (plan.classification !== "CLARIFY") return;
    expect(plan.message).toMatch(/averages, totals, counts/);
    expect(plan.message).toMatch(/horsepower/);
    expect(plan.suggestions).toHaveLength(3);
    for (const suggestion of plan.suggestions) {
      const again = planOffline(suggestion, { tables: [cars] });
      expect(again.classification, suggestion).not.toBe("CLARIFY");
      await expect(fx.engine.query(fx.ref("cars.json"), (again as ExecutablePlan).sql!)).resolves.toBeDefined();
    }
  });

  it("asks for data when the channel has no table", () => {
    const plan = planOffline("What is the average horsepower?", { tables: [] });
    expect(plan.classification).toBe("CLARIFY");
    if (plan.classification === "CLARIFY") expect(plan.message).toMatch(/Upload/);
  });
});

describe("offline planner table choice", () => {
  it("picks the table whose columns and values the question names", () => {
    const tables = [cars, seattle, stocks];
    const table = (q: string) => (planOffline(q, { tables }) as ExecutablePlan).table;
    expect(table("Average price by symbol")).toBe(stocks.table);
    expect(table("How many days had rain?")).toBe(seattle.table);
    expect(table("Average horsepower by origin")).toBe(cars.table);
    expect(table("What was the maximum price of AAPL?")).toBe(stocks.table);
  });

  it("falls back to the thread's last table when the question fits several equally", () => {
    const tables = [cars, seattle, stocks];
    const history = [{ question: "Average price by symbol", table: stocks.table }];
    expect((planOffline("How many rows are there?", { tables, history }) as ExecutablePlan).table).toBe(stocks.table);
    expect((planOffline("How many rows are there?", { tables }) as ExecutablePlan).table).toBe(cars.table);
  });
});

describe("offline planner SQL safety", () => {
  it("quotes odd column names and escapes quotes in known values", async () => {
    const file = path.join(tmpdir(), `odd-${process.pid}.csv`);
    writeFileSync(file, 'player,team,"Score (""pts"")"\nann,O\'Brien\'s,10\nbob,O\'Brien\'s,20\ncy,Lee,5\n');
    const ref = { teamId: "TODD", channelId: "CODD" };
    await fx.engine.ingest(ref, { path: file, name: "odd scores.csv" });
    const [dna] = await fx.engine.dna(ref);
    const avg = planOffline("Average score by team", { tables: [dna!] }) as ExecutablePlan;
    expect(avg.sql).toContain('"Score (""pts"")"');
    const rows = (await fx.engine.query(ref, avg.sql!)).rows;
    expect(rows).toContainEqual(["O'Brien's", 15, 2]);
    const count = planOffline("How many players are in O'Brien's?", { tables: [dna!] }) as ExecutablePlan;
    expect(count.sql).toContain("'O''Brien''s'");
    expect((await fx.engine.query(ref, count.sql!)).rows[0]![0]).toBe(2);
  });
});

describe("offline planner value codes", () => {
  it("matches an airport code written in capitals but not the English word it spells", async () => {
    const flights = (await fx.ask("flights-20k.json", "What is the average delay?")).dna;
    const from = planOffline("What is the average delay of flights from SEA?", { tables: [flights] }) as ExecutablePlan;
    expect(from.sql).toContain(`"origin" = 'SEA'`);
    const perDay = planOffline("Forecast the number of flights per day for the next 7 days", {
      tables: [flights],
    }) as ExecutablePlan;
    expect(perDay.sql).not.toContain("'DAY'");
  });
});
