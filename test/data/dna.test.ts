// Data DNA: roles, null shares, distinct counts, top values, baselines, quartiles, time grains and the renderings.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ColumnProfile, type DataDna, renderDnaCompact, renderDnaSummary } from "../../src/data/index.js";
import { CHANNEL, type Harness, openHarness } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const column = (dna: DataDna, name: string): ColumnProfile => {
  const found = dna.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
};

/** 200 orders: id 1…200, one day each from 2024-01-01, four regions in turn, every fifth one failed. */
function ordersCsv(): string {
  const lines = ["order_id,day,region,status,amount,discount_pct,comment"];
  for (let i = 1; i <= 200; i++) {
    const day = new Date(Date.UTC(2024, 0, i)).toISOString().slice(0, 10);
    const region = ["north", "south", "east", "west"][i % 4];
    const status = i % 5 === 0 ? "failed" : "ok";
    const discount = i % 4 === 0 ? "" : String(i % 10);
    const comment = `customer ${i} wrote a long free-text comment about delivery times and packaging quality`;
    lines.push(`${i},${day},${region},${status},${i},${discount},${comment}`);
  }
  return `${lines.join("\n")}\n`;
}

describe("profile of a table", () => {
  let dna: DataDna;
  beforeEach(async () => {
    const [table] = await h.ingest(await h.fixture("orders.csv", ordersCsv()));
    dna = table!.dna;
  });

  it("gives each column a semantic role", () => {
    expect(Object.fromEntries(dna.columns.map((c) => [c.name, c.role]))).toEqual({
      order_id: "identifier",
      day: "time",
      region: "dimension",
      status: "status",
      amount: "measure",
      discount_pct: "measure",
      comment: "text",
    });
    expect(column(dna, "amount").unit).toBe("currency");
    expect(column(dna, "discount_pct").unit).toBe("percentage");
    expect(dna.timeColumn).toBe("day");
  });

  it("counts rows, null shares and distinct values", () => {
    expect(dna.rowCount).toBe(200);
    expect(dna.columnCount).toBe(7);
    expect(column(dna, "discount_pct").nullShare).toBe(0.25);
    expect(column(dna, "amount").nullShare).toBe(0);
    expect(column(dna, "region")).toMatchObject({ distinct: 4, distinctApprox: false });
    expect(column(dna, "status")).toMatchObject({ distinct: 2, distinctApprox: false });
    const ids = column(dna, "order_id");
    expect(ids.distinctApprox).toBe(true);
    expect(Math.abs(ids.distinct - 200)).toBeLessThanOrEqual(6);
  });

  it("lists top values with their shares of non-null rows", () => {
    expect(column(dna, "status").top).toEqual([
      { value: "ok", count: 160, share: 0.8 },
      { value: "failed", count: 40, share: 0.2 },
    ]);
    expect(column(dna, "status").topComplete).toBe(true);
    const regions = column(dna, "region").top ?? [];
    expect(regions.map((t) => t.share)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(regions.map((t) => t.value)).toEqual(["east", "north", "south", "west"]);
  });

  it("computes numeric statistics and exact quartiles", () => {
    expect(column(dna, "amount").numeric).toEqual({
      min: 1,
      max: 200,
      mean: 100.5,
      std: expect.closeTo(57.879, 3),
      p25: 50.75,
      p50: 100.5,
      p75: 150.25,
      integer: true,
    });
  });

  it("keeps baselines: rates of status values and means of measures", () => {
    expect(dna.baselines.rates).toEqual([
      { column: "status", value: "ok", share: 0.8 },
      { column: "status", value: "failed", share: 0.2 },
    ]);
    expect(dna.baselines.means).toContainEqual({ column: "amount", mean: 100.5 });
  });

  it("finds the time range and keeps three sample rows", () => {
    expect(column(dna, "day").time).toEqual({ min: "2024-01-01", max: "2024-07-18", grain: "day" });
    expect(dna.sample).toHaveLength(3);
    expect(dna.sample[0]).toMatchObject({ order_id: 1, day: "2024-01-01", region: "south", status: "ok" });
  });

  it("summarises the table in a few lines for people", () => {
    const summary = renderDnaSummary(dna);
    expect(summary.split("\n")).toEqual([
      "*orders*: 200 rows × 7 columns",
      "Time: day from 2024-01-01 to 2024-07-18 (daily)",
      "Key measures: amount (avg 100.5), discount_pct (avg 4.67)",
      'Baselines: status="ok" 80.0%, status="failed" 20.0%',
      "Columns: order_id, day, region, status, amount, discount_pct, comment",
    ]);
  });

  it("renders compact text for prompts with every column", () => {
    const text = renderDnaCompact(dna);
    expect(text).toMatch(/^TABLE orders \(200 rows, 7 columns; from orders\.csv, version 1\)/);
    expect(text).toContain("- day DATE time; 2024-01-01 → 2024-07-18, daily");
    expect(text).toContain('- status VARCHAR status; values: "ok" 80.0%, "failed" 20.0%');
    expect(text).toContain("- discount_pct BIGINT measure (percentage); 25.0% null");
    expect(text).toContain("sample row: ");
  });
});

describe("all values of few-valued text columns", () => {
  it("keeps every distinct value, most frequent first, up to 1,000 of them, beyond the top ten", async () => {
    const lines = ["city,code,flag,n"];
    for (let i = 0; i < 1500; i++) {
      // city_0 appears most often; 30 cities, 1,200 codes, a boolean and a number.
      const city = i < 60 ? "city_0" : `city_${i % 30}`;
      lines.push(`${city},code_${i % 1200},${i % 3 === 0},${i % 7}`);
    }
    const [table] = await h.ingest(await h.fixture("cities.csv", `${lines.join("\n")}\n`));
    const dna = table!.dna;
    const cities = column(dna, "city");
    expect(cities.top).toHaveLength(10);
    expect(cities.values).toHaveLength(30);
    expect(cities.values![0]).toBe("city_0");
    expect(new Set(cities.values)).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `city_${i}`)));
    expect(column(dna, "code").values).toBeUndefined();
    expect(new Set(column(dna, "flag").values)).toEqual(new Set([true, false]));
    expect(column(dna, "n").values).toBeUndefined();
  });
});

describe("time grains and wide tables", () => {
  it("finds the natural grain of each time column", async () => {
    const rows = ["monthly,weekly,quarterly,yearly,hourly,minutely"];
    for (let i = 0; i < 8; i++) {
      const month = new Date(Date.UTC(2023, i, 1)).toISOString().slice(0, 10);
      const week = new Date(Date.UTC(2024, 0, 1 + 7 * i)).toISOString().slice(0, 10);
      const quarter = new Date(Date.UTC(2020, 3 * i, 1)).toISOString().slice(0, 10);
      const year = `${2000 + i}-01-01`;
      const hour = `2024-03-01 ${String(i + 8).padStart(2, "0")}:00:00`;
      const minute = `2024-03-01 10:${String(i * 7).padStart(2, "0")}:00`;
      rows.push([month, week, quarter, year, hour, minute].join(","));
    }
    const [table] = await h.ingest(await h.fixture("grains.csv", `${rows.join("\n")}\n`));
    const grains = Object.fromEntries(table!.dna.columns.map((c) => [c.name, c.time?.grain]));
    expect(grains).toEqual({
      monthly: "month",
      weekly: "week",
      quarterly: "quarter",
      yearly: "year",
      hourly: "hour",
      minutely: "minute",
    });
  });

  it("bounds the compact rendering of a 1,500-column table", async () => {
    const header = Array.from({ length: 1500 }, (_, i) => `metric_${i}`).join(",");
    const rows = [0, 1, 2].map((r) => Array.from({ length: 1500 }, (_, i) => i * 3 + r).join(","));
    const [table] = await h.ingest(await h.fixture("wide.csv", `${header}\n${rows.join("\n")}\n`));
    expect(table!.columnCount).toBe(1500);
    const text = renderDnaCompact(table!.dna);
    expect(text.length).toBeLessThanOrEqual(6000);
    expect(text).toMatch(/- also: metric_\d+, .*… \(\d+ more columns\)/);
    expect(renderDnaSummary(table!.dna)).toContain("… (1475 more)");
    const stored = await h.engine.dna(CHANNEL, "wide");
    expect(stored[0]!.columns).toHaveLength(1500);
  });
});
