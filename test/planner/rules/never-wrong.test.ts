// Never confidently wrong: the rule planner answers only when every word of the question is placed (a column, a
// known value, a number with its unit, an operator, a time grain or a function word); otherwise it asks back,
// naming what it understood and what it could not place, with rephrasings it answers in full. Each case stands for
// a class of questions; the positive cases show the general mechanisms that place words without dataset constants.
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataDna } from "../../../src/data/index.js";
import type { ClarifyPlan, Plan } from "../../../src/planner/index.js";
import { AGG_WORDS, DESC_WORDS, FUNCTION_WORDS, SYNONYMS } from "../../../src/planner/rules/read/vocabulary.js";
import { understand } from "../../../src/planner/rules/understand.js";
import {
  type Fixture,
  groupBy,
  intentOf,
  mean,
  num,
  planRules,
  readRows,
  sqlOf,
  startFixture,
  sum,
} from "./datasets.js";

let fx: Fixture;
let matches: DataDna;
const matchesRef = { teamId: "TNEVER", channelId: "CMATCHES" };
const dnaOf = async (file: string) => (await fx.ask(file, "How many rows are there?")).dna;

beforeAll(async () => {
  fx = startFixture();
  const file = path.join(tmpdir(), `matches-${process.pid}.csv`);
  writeFileSync(
    file,
    [
      "date,home_team,away_team,home_score,away_score,tournament",
      "2018-06-14,Russia,Saudi Arabia,5,0,World Cup",
      "2018-06-15,Egypt,Uruguay,0,1,World Cup",
      "2018-06-15,Morocco,Iran,0,1,World Cup",
      "2018-06-15,Portugal,Spain,3,3,World Cup",
      "2018-06-16,France,Australia,2,1,World Cup",
      "2018-06-16,Argentina,Iceland,1,1,World Cup",
    ].join("\n"),
  );
  await fx.engine.ingest(matchesRef, { path: file, name: "matches.csv" });
  [matches] = (await fx.engine.dna(matchesRef)) as [DataDna];
});
afterAll(async () => {
  await fx.close();
});

function clarify(plan: Plan): ClarifyPlan {
  expect(plan.classification, plan.classification === "CLARIFY" ? "" : (sqlOf(plan) ?? "")).toBe("CLARIFY");
  return plan as ClarifyPlan;
}

/** The words left over, as one string to match against. */
const missingOf = (plan: ClarifyPlan) => plan.missing.join(" | ");

/** Every rephrasing is a question the planner answers in full over the same table. */
function expectRephrasings(plan: ClarifyPlan, dna: DataDna) {
  expect(plan.rephrasings.length).toBeGreaterThanOrEqual(2);
  expect(plan.rephrasings.length).toBeLessThanOrEqual(3);
  for (const q of plan.rephrasings) expect(understand(q, dna).complete, q).toBe(true);
}

describe("rule planner asks back when a word cannot be placed", () => {
  it("a condition on a value no column holds ('ended in a draw' over scores)", () => {
    const plan = clarify(planRules("How many matches ended in a draw?", { tables: [matches] }));
    expect(missingOf(plan)).toMatch(/draw/);
    expect(missingOf(plan)).toMatch(/ended/);
    expect(plan.message).toMatch(/won't guess/);
    expectRephrasings(plan, matches);
  });

  it("a condition word of the same class over another table ('endangered' penguins)", async () => {
    const penguins = await dnaOf("penguins.json");
    const plan = clarify(planRules("How many penguins are endangered?", { tables: [penguins] }));
    expect(plan.missing).toEqual(["endangered"]);
    expectRephrasings(plan, penguins);
  });

  it("a measure the table does not have, keeping what was understood in the rephrasings", async () => {
    const movies = await dnaOf("movies.json");
    const plan = clarify(planRules("What is the average salary of directors?", { tables: [movies] }));
    expect(plan.missing).toEqual(["salary"]);
    expect(plan.understood).toEqual(expect.arrayContaining(["average", "directors"]));
    expect(plan.rephrasings.some((q) => /director/i.test(q))).toBe(true);
    expectRephrasings(plan, movies);
    const penguins = await dnaOf("penguins.json");
    expect(missingOf(clarify(planRules("Total revenue per island", { tables: [penguins] })))).toMatch(/revenue/);
  });

  it("a superlative whose quality no column measures ('happiest', 'most reliable')", async () => {
    const penguins = await dnaOf("penguins.json");
    expect(clarify(planRules("Which penguin is the happiest?", { tables: [penguins] })).missing).toEqual(["happiest"]);
    const cars = await dnaOf("cars.json");
    expect(missingOf(clarify(planRules("Which car is the most reliable?", { tables: [cars] })))).toMatch(/reliable/);
  });

  it("a number in a unit the column is not in, instead of comparing on the wrong scale", async () => {
    const flights = await dnaOf("flights-20k.json");
    const hour = clarify(planRules("How many flights were delayed by more than an hour?", { tables: [flights] }));
    expect(missingOf(hour)).toMatch(/hour/);
    expect(hour.message).toMatch(/could not fit/);
    const cars = await dnaOf("cars.json");
    expect(missingOf(clarify(planRules("How many cars weigh more than 2 tons?", { tables: [cars] })))).toMatch(/tons/);
  });

  it("a counted noun that does not name the table's rows", async () => {
    const cars = await dnaOf("cars.json");
    const plan = clarify(planRules("How many unicorns have 8 cylinders?", { tables: [cars] }));
    expect(plan.missing).toEqual(["unicorns"]);
  });

  it("a verb that carries the condition ('left LAX' is not 'from or to LAX')", async () => {
    const flights = await dnaOf("flights-2k.json");
    const plan = clarify(planRules("How many flights left LAX??", { tables: [flights] }));
    expect(missingOf(plan)).toMatch(/left/);
    expect(plan.message).toMatch(/"LAX" is a value of origin and destination/);
  });

  it("a value two columns hold, unless a column or a preposition says which", async () => {
    const flights = await dnaOf("flights-20k.json");
    const at = clarify(planRules("Average delay at SEA", { tables: [flights] }));
    expect(at.message).toMatch(/"SEA" is a value of origin and destination: say which/);
    const to = planRules("What is the median delay for flights to SEA?", { tables: [flights] });
    expect(intentOf(to).filters).toEqual([{ kind: "equals", column: "destination", value: "SEA" }]);
    const from = planRules("Average delay of flights from SEA by destination", { tables: [flights] });
    expect(intentOf(from).filters).toEqual([{ kind: "equals", column: "origin", value: "SEA" }]);
    const named = planRules("Average delay for destination SEA", { tables: [flights] });
    expect(intentOf(named).filters).toEqual([{ kind: "equals", column: "destination", value: "SEA" }]);
    const football = await dnaOf("football.json");
    expect(clarify(planRules("Average home score for Arsenal", { tables: [football] })).message).toMatch(
      /"Arsenal" is a value of home team and away team/,
    );
  });

  it("a column said but not used by the answer ('how many flights were delayed')", async () => {
    const flights = await dnaOf("flights-20k.json");
    const plan = clarify(planRules("How many flights were delayed?", { tables: [flights] }));
    expect(missingOf(plan)).toMatch(/how many|delayed/);
  });

  it("counting rows of a table whose rows already hold counts, unless rows are what was asked", async () => {
    const jobs = await dnaOf("jobs.json");
    const plan = clarify(planRules("Which job had the most women in 1900?", { tables: [jobs] }));
    expect(plan.message).toMatch(/already holds a count/);
    expect(plan.rephrasings).toContain("Total count by job");
    expect(planRules("How many rows are there?", { tables: [jobs] }).classification).toBe("SQL_ONLY");
  });

  it("accounts for every word: a complete plan leaves none over, a CLARIFY names only words of the question", async () => {
    const cars = await dnaOf("cars.json");
    for (const q of [
      "What is the average horsepower?",
      "Average miles per gallon by origin",
      "Which origin has the most cars?",
      "What is the meaning of life",
      "Average salary by origin",
    ]) {
      const found = understand(q, cars);
      const plan = planRules(q, { tables: [cars] });
      if (found.complete) expect(plan.classification, q).not.toBe("CLARIFY");
      else {
        const words = new Set(found.reading.tokens);
        for (const missing of clarify(plan).missing)
          for (const w of missing.split(" ")) expect(words.has(w), q).toBe(true);
      }
    }
  });
});

describe("rule planner places words through general mechanisms, not dataset constants", () => {
  const cars = readRows("cars.json");

  it("keeps no dataset's words in its vocabulary", () => {
    const vocabulary = new Set([...Object.keys(AGG_WORDS), ...DESC_WORDS, ...FUNCTION_WORDS, ...SYNONYMS.flat()]);
    for (const word of ["hp", "mpg", "horsepower", "yield", "hottest", "gdp", "expectancy", "temp"])
      expect(vocabulary.has(word), word).toBe(false);
  });

  it("reads an initialism of a column's name ('mpg') and a demonym of a known value ('japanese')", async () => {
    const asked = await fx.ask("cars.json", "whats the avg mpg for japanese cars");
    const japan = cars.filter((c) => c.Origin === "Japan").map((c) => num(c.Miles_per_Gallon));
    const values = japan.filter((v): v is number => v !== null);
    expect(asked.result!.rows[0]![0] as number).toBeCloseTo(mean(values), 6);
  });

  it("reads an abbreviation of a column word ('hp' for horsepower)", async () => {
    const asked = await fx.ask("cars.json", "average hp by origin");
    const expected = groupBy(
      cars,
      (c) => c.Origin,
      (c) => num(c.Horsepower),
      mean,
    );
    for (const row of asked.result!.rows) expect(row[1] as number).toBeCloseTo(expected.get(String(row[0]))!, 6);
  });

  it("reads a superlative adjective as its quality's measure and direction ('the heaviest car')", async () => {
    const asked = await fx.ask("cars.json", "Which car is the heaviest?");
    const heaviest = [...cars].sort((a, b) => Number(b.Weight_in_lbs) - Number(a.Weight_in_lbs))[0]!;
    expect(asked.result!.rows[0]).toContain(heaviest.Name);
  });

  it("reads magnitudes ('100 million'), month names with a year, and a count of distinct values", async () => {
    const budget = await fx.ask("movies.json", "How many movies had a budget over 100 million?");
    const movies = readRows("movies.json");
    expect(budget.result!.rows[0]![0]).toBe(movies.filter((m) => Number(m["Production Budget"]) > 100e6).length);
    const january = await fx.ask("seattle-weather.csv", "Total precipitation in January 2014");
    const days = readRows("seattle-weather.csv").filter((d) => String(d.date).startsWith("2014-01"));
    expect(january.result!.rows[0]![0] as number).toBeCloseTo(sum(days.map((d) => Number(d.precipitation))), 6);
    const countries = await fx.ask("gapminder.json", "How many countries are there?");
    expect(countries.result!.rows[0]![0]).toBe(new Set(readRows("gapminder.json").map((g) => g.country)).size);
  });

  it("reads a unit that is the column's own under another spelling ('pounds' for lbs)", async () => {
    const asked = await fx.ask("cars.json", "How many cars weigh more than 3000 pounds?");
    expect(intentOf(asked.plan).kind).toBe("count");
    expect(asked.result!.rows[0]![0]).toBe(cars.filter((c) => Number(c.Weight_in_lbs) > 3000).length);
  });

  it("reads the time column's name as the rows it names ('the warmest year') and a general synonym ('city')", async () => {
    const warmest = await fx.ask("global-temp.csv", "What was the warmest year?");
    const years = readRows("global-temp.csv").sort((a, b) => Number(b.temp) - Number(a.temp));
    expect(warmest.result!.rows[0]![0]).toBe(years[0]!.year);
    const windier = await fx.ask("weather.csv", "Which city is windier?");
    const wind = groupBy(
      readRows("weather.csv"),
      (w) => w.location,
      (w) => num(w.wind),
      mean,
    );
    const top = [...wind].sort((a, b) => b[1] - a[1])[0]!;
    expect(windier.result!.rows[0]![0]).toBe(top[0]);
  });

  it("reads a table name said as two words ('bird strikes')", async () => {
    const asked = await fx.ask("birdstrikes.csv", "Which airline had the most bird strikes at night?");
    const night = readRows("birdstrikes.csv").filter((b) => b["Time of day"] === "Night");
    const counts = groupBy(
      night,
      (b) => b["Aircraft Airline Operator"],
      () => 1,
      (v) => v.length,
    );
    const top = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(asked.result!.rows[0]![0]).toBe(top[0]);
  });
});
