import { describe, expect, it } from "vitest";
import { cleanModelSql, fixFilterValues, stringFilters } from "../../../src/planner/llm/sql-cleanup.js";
import { table, textColumn } from "./dna.js";

const cars = table("cars", [
  textColumn("Origin", ["USA", "Europe", "Japan"]),
  textColumn("Name", ["ford pinto", "vw rabbit"]),
]);

describe("model SQL as DuckDB runs it", () => {
  it("takes the SQL out of a fence and a label, without a trailing semicolon", () => {
    expect(cleanModelSql("```sql\nSELECT 1 AS n;\n```")).toBe("SELECT 1 AS n");
    expect(cleanModelSql("SQL: SELECT 2;  ")).toBe("SELECT 2");
  });

  it("turns MySQL backticks into double quotes, leaving strings alone", () => {
    expect(cleanModelSql("SELECT `Miles per Gallon`, 'it''s `x`' FROM `cars`")).toBe(
      `SELECT "Miles per Gallon", 'it''s \`x\`' FROM "cars"`,
    );
  });

  it("rewrites MySQL's LIMIT skip, take as LIMIT take OFFSET skip", () => {
    expect(cleanModelSql('SELECT "Name" FROM "cars" ORDER BY 1 LIMIT 5, 10')).toBe(
      'SELECT "Name" FROM "cars" ORDER BY 1 LIMIT 10 OFFSET 5',
    );
    expect(cleanModelSql("SELECT 'LIMIT 5, 5' AS s LIMIT 3")).toBe("SELECT 'LIMIT 5, 5' AS s LIMIT 3");
  });

  it("spells a filter value as the data does when only its case or spacing differs", () => {
    const fixed = fixFilterValues(
      `SELECT count(*) FROM "cars" WHERE "Origin" = 'japan' OR Origin IN ('usa', 'EUROPE') OR 'usa ' <> "Origin"`,
      [cars],
    );
    expect(fixed.sql).toBe(
      `SELECT count(*) FROM "cars" WHERE "Origin" = 'Japan' OR Origin IN ('USA', 'Europe') OR 'USA' <> "Origin"`,
    );
    expect(fixed.fixes.map((f) => f.to)).toEqual(["Japan", "USA", "Europe", "USA"]);
  });

  it("leaves patterns, functions of a column and unknown values alone", () => {
    const sql = `SELECT * FROM "cars" WHERE "Name" ILIKE '%FORD%' AND lower("Origin") = 'japan' AND "Origin" = 'Mars'`;
    expect(fixFilterValues(sql, [cars]).sql).toBe(sql);
    expect(stringFilters(sql)).toEqual([
      { column: "Name", value: "%FORD%" },
      { column: "Origin", value: "Mars" },
    ]);
  });
});
