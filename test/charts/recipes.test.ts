import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  componentsRecipe,
  correlationPairsRecipe,
  correlationStatsRecipe,
  distributionValuesRecipe,
  EVIDENCE_LIMITS,
  fillRecipe,
  latestSeriesRecipe,
  seriesRecipe,
} from "../../src/charts/index.js";
import { loadConfig } from "../../src/config/index.js";
import { DataEngine, quoteIdent } from "../../src/data/index.js";

const VEGA = path.resolve("node_modules/vega-datasets/data");
const REF = { teamId: "T1", channelId: `recipes-${process.pid}` };

describe("evidence recipes on DuckDB, through the guarded engine", () => {
  let dir: string;
  let engine: DataEngine;
  const query = async (sql: string) => engine.query(REF, sql);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "insightx-recipes-"));
    engine = new DataEngine({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }) });
    for (const file of ["flights-20k.json", "cars.json", "seattle-weather.csv"]) {
      await engine.ingest(REF, { path: path.join(VEGA, file), name: file });
    }
    // 5,000 days of a flat series with one spike and one dip far from each other.
    const lines = ["day,value"];
    for (let i = 0; i < 5000; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      lines.push(`${day},${i === 1234 ? 500 : i === 4321 ? -400 : 10 + (i % 7)}`);
    }
    const csv = path.join(dir, "long-series.csv");
    await writeFile(csv, `${lines.join("\n")}\n`);
    await engine.ingest(REF, { path: csv, name: "long-series.csv" });
  }, 120_000);

  afterAll(async () => {
    await engine?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const pairs = (x: string, y: string, group?: string) =>
    fillRecipe(
      correlationPairsRecipe,
      { fragments: { source: quoteIdent("flights_20k") }, identifiers: { x, y, ...(group ? { group } : {}) } },
      quoteIdent,
    );

  it("samples 20,000 pairs to 2,000, the same ones every time, keeping the most extreme", async () => {
    const first = await query(pairs("distance", "delay"));
    expect(first.columns).toEqual(["distance", "delay"]);
    expect(first.rowCount).toBe(EVIDENCE_LIMITS.pairs);
    expect((await query(pairs("distance", "delay"))).rows).toEqual(first.rows);
    const extremes = await query(
      `SELECT max(delay) AS top_delay, min(delay) AS low_delay, max(distance) AS far FROM flights_20k`,
    );
    const [topDelay, lowDelay, far] = extremes.rows[0]!.map(Number);
    const delays = first.rows.map((row) => Number(row[1]));
    expect(delays).toContain(topDelay);
    expect(delays).toContain(lowDelay);
    expect(first.rows.map((row) => Number(row[0]))).toContain(far);
  });

  it("keeps the cloud's shape: each tenth of the distances keeps about a tenth of the sample", async () => {
    const sample = await query(pairs("distance", "delay"));
    const tenths = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => `quantile_cont(distance, ${i / 10}) AS q${i}`);
    const deciles = await query(`SELECT ${tenths.join(", ")} FROM flights_20k`);
    const cuts = deciles.rows[0]!.map(Number);
    const counts = new Array(10).fill(0);
    for (const row of sample.rows) counts[cuts.filter((cut) => Number(row[0]) > cut).length] += 1;
    for (const count of counts) expect(count / sample.rowCount).toBeGreaterThan(0.05);
  });

  it("returns every pair of a small table, with the group column when one is asked", async () => {
    const sql = fillRecipe(
      correlationPairsRecipe,
      { fragments: { source: "cars" }, identifiers: { x: "Weight_in_lbs", y: "Miles_per_Gallon", group: "Origin" } },
      quoteIdent,
    );
    const result = await query(sql);
    expect(result.columns).toEqual(["Weight_in_lbs", "Miles_per_Gallon", "Origin"]);
    expect(result.rowCount).toBe(398);
  });

  it("computes r, n and the fitted line over every pair", async () => {
    const sql = fillRecipe(
      correlationStatsRecipe,
      { fragments: { source: "cars" }, identifiers: { x: "Weight_in_lbs", y: "Miles_per_Gallon" } },
      quoteIdent,
    );
    const [r, n, slope] = (await query(sql)).rows[0]!.map(Number);
    expect(r).toBeCloseTo(-0.8317, 3);
    expect(n).toBe(398);
    expect(slope).toBeCloseTo(-0.0077, 4);
  });

  it("bounds a 5,000-day series to 2,000 rows in time order, keeping its spike and its dip", async () => {
    const sql = fillRecipe(
      seriesRecipe,
      {
        fragments: { source: quoteIdent("long_series"), period: `"day"`, value: `sum("value")` },
        identifiers: { time: "day", measure: "value" },
      },
      quoteIdent,
    );
    const result = await query(sql);
    expect(result.rowCount).toBeLessThanOrEqual(EVIDENCE_LIMITS.series);
    const values = result.rows.map((row) => Number(row[1]));
    expect(values).toContain(500);
    expect(values).toContain(-400);
    const days = result.rows.map((row) => String(row[0]));
    expect(days).toEqual([...days].sort());
  });

  it("takes a forecast's history as the latest 2,000 periods, oldest first", async () => {
    const sql = fillRecipe(
      latestSeriesRecipe,
      {
        fragments: { source: quoteIdent("long_series"), period: `"day"`, value: `sum("value")` },
        identifiers: { time: "day", measure: "value" },
      },
      quoteIdent,
    );
    const result = await query(sql);
    expect(result.rowCount).toBe(2000);
    expect(String(result.rows.at(-1)![0])).toBe("2013-09-08");
    expect(String(result.rows[0]![0]) < String(result.rows[1]![0])).toBe(true);
  });

  it("counts the parts of a whole and samples a distribution's values only beyond the bound", async () => {
    const parts = await query(
      fillRecipe(
        componentsRecipe,
        {
          fragments: { source: quoteIdent("seattle_weather"), label: `"weather"`, value: "count(*)" },
          identifiers: { label_name: "weather", value_name: "days" },
        },
        quoteIdent,
      ),
    );
    expect(parts.rows.reduce((sum, row) => sum + Number(row[1]), 0)).toBe(1461);
    const values = await query(
      fillRecipe(
        distributionValuesRecipe,
        { fragments: { source: "cars" }, identifiers: { value: "Horsepower" } },
        quoteIdent,
      ),
    );
    expect(values.columns).toEqual(["Horsepower"]);
    expect(values.rowCount).toBe(400);
  });

  it("quotes every identifier and refuses a recipe with a placeholder left unfilled", () => {
    const sql = fillRecipe(
      correlationStatsRecipe,
      { fragments: { source: "t" }, identifiers: { x: 'we"ird', y: "b" } },
      quoteIdent,
    );
    expect(sql).toContain('"we""ird"');
    expect(() =>
      fillRecipe(correlationStatsRecipe, { fragments: { source: "t" }, identifiers: { x: "a" } }, quoteIdent),
    ).toThrow(/needs \{y\}/);
    expect(() =>
      fillRecipe(
        latestSeriesRecipe,
        {
          fragments: { source: "t", period: "p", value: "v" },
          identifiers: { time: "a", measure: "b" },
          integers: { limit: -1 },
        },
        quoteIdent,
      ),
    ).toThrow(RangeError);
  });
});
