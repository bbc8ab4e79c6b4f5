import { describe, expect, it } from "vitest";
import { TurnLog } from "../../../src/planner/index.js";
import { knownValuesNote } from "../../../src/planner/llm/known-values.js";
import { toPlan } from "../../../src/planner/llm/llm-planner.js";
import { planSchema } from "../../../src/planner/llm/schemas.js";
import { column, dateColumn, table, textColumn } from "./dna.js";

const cars = table("cars", [
  column("Horsepower"),
  column("Weight_in_lbs"),
  column("Miles_per_Gallon"),
  textColumn("Origin", ["USA", "Europe", "Japan"]),
  dateColumn("Year", "1970-01-01", "1982-01-01"),
]);
const context = { tables: [cars], history: [], insights: [], log: new TurnLog() };
const reply = (extra: Record<string, unknown>) =>
  planSchema.zod.parse({ classification: "SQL_ONLY", reasoning: "r", columns_needed: [], ...extra });

describe("the model's plan as a Plan", () => {
  it("loads every column a PY_ONLY plan's code reads, not only those it named", () => {
    const plan = toPlan(
      "q",
      reply({
        classification: "PY_ONLY",
        table: "cars",
        columns_needed: ["Horsepower"],
        python: "result = df[['Weight_in_lbs', \"Miles_per_Gallon\"]].corr().iloc[0, 1] + df.Horsepower.mean()",
      }),
      context,
    );
    expect(plan).toMatchObject({
      classification: "PY_ONLY",
      source: { table: "cars", columns: ["Horsepower", "Weight_in_lbs", "Miles_per_Gallon"] },
    });
  });

  it("keeps the Python a SQL_THEN_PY plan carries, so no second call writes it", () => {
    const plan = toPlan(
      "q",
      reply({
        classification: "sql then py",
        sql: 'SELECT "Horsepower" AS hp FROM cars',
        python: "result = df.hp.mean()",
      }),
      context,
    );
    expect(plan).toMatchObject({ classification: "SQL_THEN_PY", python: "result = df.hp.mean()", tables: ["cars"] });
  });

  it("keeps a plan whose chart type is not one we draw, without the chart", () => {
    const plan = toPlan("q", reply({ sql: "SELECT 1", chart: { type: "sunburst", x: "a", y: "b" } }), context);
    expect(plan).toMatchObject({ classification: "SQL_ONLY", chart: {} });
  });

  it("cleans the SQL before it runs: fence, backticks, the data's spelling of a value", () => {
    const plan = toPlan(
      "q",
      reply({ sql: "```sql\nSELECT count(*) FROM `cars` WHERE `Origin` = 'japan';\n```" }),
      context,
    );
    expect(plan.classification === "SQL_ONLY" && plan.sql.text).toBe(
      `SELECT count(*) FROM "cars" WHERE "Origin" = 'Japan'`,
    );
  });
});

describe("what an empty result is healed with", () => {
  it("names the filter column's known values and the closest to what the query used", () => {
    const note = knownValuesNote(
      `SELECT count(*) FROM "cars" WHERE "Origin" = 'Japanese' AND "Year" > DATE '1990-01-01'`,
      [cars],
    );
    expect(note).toContain(
      '"cars"."Origin" (the query used "Japanese"; closest to "Japanese": "Japan"): "USA", "Europe", "Japan"',
    );
    expect(note).toContain('"cars"."Year" ranges from 1970-01-01 to 1982-01-01');
  });

  it("is nothing for a query that filters on no column with known values: the empty result stands", () => {
    expect(knownValuesNote('SELECT avg("Horsepower") FROM "cars" WHERE "Horsepower" > 1000', [cars])).toBeNull();
  });
});
