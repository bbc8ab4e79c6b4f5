// Relationships between a channel's tables: found at ingestion, kept in the Data DNA, refreshed on replacement,
// shown to people and prompts; accidental overlaps (small integers, row numbers, one shared value) are not reported.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  channelRelationships,
  type DataDna,
  type IngestedTable,
  renderDnaCompact,
  renderDnaSummary,
  type TableRelationship,
} from "../../src/data/index.js";
import { dnaReply } from "../../src/slack/blocks/dna.js";
import { CHANNEL, type Harness, openHarness, VEGA } from "./harness.js";

let h: Harness;
let recorded: IngestedTable[][];
beforeEach(async () => {
  recorded = [];
  h = await openHarness({}, { onIngested: async (_ref, tables) => void recorded.push(tables) });
});
afterEach(async () => {
  await h.cleanup();
});

const vega = (file: string) => h.ingest(path.join(VEGA, file));
const channel = async () => channelRelationships(await h.engine.dna(CHANNEL));
const between = (relationships: TableRelationship[], from: string, to: string) =>
  relationships.find((r) => `${r.from.table}.${r.from.column}` === from && `${r.to.table}.${r.to.column}` === to);
const dnaOf = async (table: string): Promise<DataDna> => (await h.engine.dna(CHANNEL, table))[0]!;

/** Plain CSV rows (the files used here have no quoted commas in the columns read). */
function csvColumn(file: string, column: string): string[] {
  const [head, ...lines] = readFileSync(path.join(VEGA, file), "utf8").trim().split(/\r?\n/);
  const index = head!.split(",").indexOf(column);
  return lines.map((line) => line.split(",")[index]!);
}

describe("relationships between a channel's tables", () => {
  it("finds flights' origin and destination in airports.iata, many-to-one, with the share of values found", async () => {
    await vega("airports.csv");
    await vega("flights-airport.csv");
    const iata = new Set(csvColumn("airports.csv", "iata"));
    expect(iata.size).toBe(csvColumn("airports.csv", "iata").length);
    const relationships = await channel();
    for (const column of ["origin", "destination"]) {
      const values = csvColumn("flights-airport.csv", column);
      const share = values.filter((v) => iata.has(v)).length / values.length;
      expect(between(relationships, `flights_airport.${column}`, "airports.iata")).toMatchObject({
        matchRate: share,
        cardinality: "many-to-one",
        checkedRows: values.length,
        distinctChecked: new Set(values).size,
      });
    }
    // Nothing else: airports.name is only near-unique (3,237 of 3,376), states and cities repeat.
    expect(relationships).toHaveLength(2);
    // Both tables carry them, and the newest upload's record for the store does too.
    expect((await dnaOf("airports")).relationships).toHaveLength(2);
    expect((await dnaOf("flights_airport")).relationships).toHaveLength(2);
    expect(recorded.at(-1)![0]!.dna.relationships).toHaveLength(2);
  });

  it("finds them whichever table comes first", async () => {
    await vega("flights-airport.csv");
    expect(await channel()).toEqual([]);
    const [airports] = await vega("airports.csv");
    expect(airports!.dna.relationships.map((r) => r.from.column).sort()).toEqual(["destination", "origin"]);
    expect((await dnaOf("flights_airport")).relationships).toHaveLength(2);
  });

  it("finds gapminder's country among the health-income countries, Hong Kong missing", async () => {
    await vega("gapminder.json");
    await vega("gapminder-health-income.csv");
    const rows = JSON.parse(readFileSync(path.join(VEGA, "gapminder.json"), "utf8")) as Array<{ country: string }>;
    const known = new Set(csvColumn("gapminder-health-income.csv", "country"));
    const found = rows.filter((r) => known.has(r.country)).length;
    expect(found).toBeLessThan(rows.length);
    const relationship = between(await channel(), "gapminder.country", "gapminder_health_income.country");
    expect(relationship).toMatchObject({ cardinality: "many-to-one", checkedRows: rows.length });
    expect(relationship!.matchRate).toBeCloseTo(found / rows.length, 4);
    expect(relationship!.distinctMatched).toBe(relationship!.distinctChecked - 1);
    // The country list is not a key of gapminder (a row per year), so nothing points the other way.
    expect(await channel()).toHaveLength(1);
  });

  it("joins whole-number ids whose names agree, one-to-one when both are unique", async () => {
    await vega("obesity.json");
    await vega("population_engineers_hurricanes.csv");
    await vega("income.json");
    const relationships = await channel();
    expect(between(relationships, "obesity.id", "population_engineers_hurricanes.id")).toMatchObject({
      cardinality: "one-to-one",
      matchRate: 1,
    });
    expect(between(relationships, "income.id", "population_engineers_hurricanes.id")).toMatchObject({
      cardinality: "many-to-one",
      matchRate: 1,
    });
    expect(between(relationships, "income.name", "population_engineers_hurricanes.state")?.matchRate).toBe(1);
    // Two unique columns matching each other are one relationship, not two.
    expect(between(relationships, "population_engineers_hurricanes.id", "obesity.id")).toBeUndefined();
  });

  it("does not report small integers that overlap by accident (cylinders and scores within an index 0–11)", async () => {
    await vega("monarchs.json");
    await vega("cars.json");
    await vega("football.json");
    expect(await channel()).toEqual([]);
  });

  it("does not report two row numbers, one shared value, or a column mostly missing from the key", async () => {
    const rows = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i + 1));
    await h.ingest(await h.fixture("people.csv", ["id,name", ...rows(50, (i) => `${i},person ${i}`)].join("\n")));
    await h.ingest(await h.fixture("visits.csv", ["id,city", ...rows(10, (i) => `${i},city ${i}`)].join("\n")));
    // Every row says "person 1": one value found, which is a coincidence, not a join.
    await h.ingest(await h.fixture("one.csv", ["who,n", ...rows(30, (i) => `person 1,${i}`)].join("\n")));
    // Half the names are unknown to people.csv.
    await h.ingest(await h.fixture("half.csv", ["who,n", ...rows(40, (i) => `person ${i * 2},${i}`)].join("\n")));
    expect(await channel()).toEqual([]);
    // …while the same column with nine in ten names known is reported, at that rate.
    const mostly = ["who,n", ...rows(40, (i) => `${i <= 36 ? `person ${i}` : `stranger ${i}`},${i}`)].join("\n");
    await h.ingest(await h.fixture("mostly.csv", mostly));
    expect(await channel()).toEqual([
      expect.objectContaining({ from: { table: "mostly", column: "who" }, to: { table: "people", column: "name" } }),
    ]);
    expect(between(await channel(), "mostly.who", "people.name")!.matchRate).toBe(0.9);
  });

  it("checks the pairs again when a table is replaced, and superseded versions keep none", async () => {
    await vega("airports.csv");
    await vega("flights-airport.csv");
    // The same file name again, with codes in lower case: nothing matches any more.
    const lower = readFileSync(path.join(VEGA, "airports.csv"), "utf8")
      .split("\n")
      .map((line, i) => (i === 0 ? line : line.replace(/^([^,]*)/, (code) => code.toLowerCase())))
      .join("\n");
    await h.ingest(await h.fixture("airports.csv", lower));
    expect(await channel()).toEqual([]);
    expect((await dnaOf("airports")).relationships).toEqual([]);
    expect((await dnaOf("flights_airport")).relationships).toEqual([]);
    expect((await dnaOf("airports_v1")).relationships).toEqual([]);
    await vega("airports.csv");
    expect(await channel()).toHaveLength(2);
    // Forgetting the channel forgets its tables, relationships with them.
    await h.engine.forget(CHANNEL);
    expect(await h.engine.dna(CHANNEL)).toEqual([]);
  });

  it("reads a big table through a bounded sample and still finds the key", async () => {
    const codes = csvColumn("airports.csv", "iata").slice(0, 300);
    const lines = ["origin,delay"];
    for (let i = 0; i < 400_000; i++) lines.push(`${codes[i % codes.length]},${i % 90}`);
    await vega("airports.csv");
    await h.ingest(await h.fixture("big.csv", lines.join("\n")));
    const relationship = between(await channel(), "big.origin", "airports.iata");
    expect(relationship).toMatchObject({ matchRate: 1, cardinality: "many-to-one" });
    expect(relationship!.checkedRows).toBeGreaterThan(10_000);
    expect(relationship!.checkedRows).toBeLessThan(200_000);
  }, 60_000);

  it("is shown in the DNA summary (terminal and Slack) and listed for prompts on the referencing table", async () => {
    await vega("airports.csv");
    await vega("flights-airport.csv");
    const flights = await dnaOf("flights_airport");
    const summary = renderDnaSummary(flights);
    expect(summary).toContain(
      "Related: flights_airport.destination → airports.iata (100% of values found, many-to-one)",
    );
    expect(summary).toContain("flights_airport.origin → airports.iata");
    const compact = renderDnaCompact(flights);
    expect(compact).toContain("- joins: origin → airports.iata (100% of values found, many-to-one)");
    // The key's side is listed in the other table's block, once.
    expect(renderDnaCompact(await dnaOf("airports"))).not.toContain("joins:");
    const reply = JSON.stringify(
      dnaReply("flights-airport.csv", [{ dna: flights, previousVersionTable: null, notes: [] }]),
    );
    expect(reply).toContain("flights_airport.origin → airports.iata");
  });

  it("reads profiles stored before relationships existed as having none, and checks them at the next upload", async () => {
    await vega("airports.csv");
    await vega("flights-airport.csv");
    await h.engine.databases.write(CHANNEL, (connection) =>
      connection.run(`UPDATE insightx_meta.datasets SET dna = json_merge_patch(dna, '{"relationships": null}')`),
    );
    expect((await dnaOf("airports")).relationships).toEqual([]);
    expect(await channel()).toEqual([]);
    await vega("cars.json");
    expect(await channel()).toHaveLength(2);
  });
});
