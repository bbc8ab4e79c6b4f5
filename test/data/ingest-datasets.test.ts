// Ingestion of real files: the vega-datasets files with their dates, every format, encodings, quoting, versions.
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DataDna } from "../../src/data/index.js";
import { CHANNEL, type Harness, openHarness, VEGA, withScratchDuckDb } from "./harness.js";

let h: Harness;
beforeEach(async () => {
  h = await openHarness();
});
afterEach(async () => {
  await h.cleanup();
});

const column = (dna: DataDna, name: string) => {
  const found = dna.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name} in ${dna.columns.map((c) => c.name).join(", ")}`);
  return found;
};

describe("vega-datasets files", () => {
  const cases = [
    { file: "cars.json", table: "cars", rows: 406, time: "Year", type: "DATE", grain: "year" },
    { file: "seattle-weather.csv", table: "seattle_weather", rows: 1461, time: "date", type: "DATE", grain: "day" },
    { file: "stocks.csv", table: "stocks", rows: 560, time: "date", type: "DATE", grain: "month" },
    { file: "movies.json", table: "movies", rows: 3201, time: "Release Date", type: "DATE", grain: "day" },
    { file: "flights-20k.json", table: "flights_20k", rows: 20000, time: "date", type: "TIMESTAMP", grain: "minute" },
    { file: "birdstrikes.csv", table: "birdstrikes", rows: 10000, time: "Flight Date", type: "DATE", grain: "day" },
  ] as const;

  for (const c of cases) {
    it(`loads ${c.file} with ${c.rows} rows and finds its ${c.time} column as a ${c.type} with ${c.grain} grain`, async () => {
      const [table] = await h.ingest(path.join(VEGA, c.file));
      expect(table!.tableName).toBe(c.table);
      expect(table!.rowCount).toBe(c.rows);
      const time = column(table!.dna, c.time);
      expect(time.type).toBe(c.type);
      expect(time.role).toBe("time");
      expect(time.time?.grain).toBe(c.grain);
      expect(table!.dna.timeColumn).toBe(c.time);
      const counted = await h.engine.query(CHANNEL, `SELECT count(*) AS n FROM ${c.table}`);
      expect(counted.rows[0]![0]).toBe(c.rows);
    });
  }

  it("reads the stocks dates 'Jan 1 2000' as the first of each month", async () => {
    await h.ingest(path.join(VEGA, "stocks.csv"));
    const result = await h.engine.query(CHANNEL, "SELECT min(date), max(date) FROM stocks WHERE symbol = 'MSFT'");
    expect(result.rows[0]).toEqual(["2000-01-01", "2010-03-01"]);
    expect(result.types).toEqual(["DATE", "DATE"]);
  });

  it("reads the flights timestamps '2001/01/01 00:47' to the minute", async () => {
    await h.ingest(path.join(VEGA, "flights-20k.json"));
    const result = await h.engine.query(CHANNEL, "SELECT min(date) FROM flights_20k");
    expect(result.rows[0]).toEqual(["2001-01-01 00:47:00"]);
  });
});

describe("formats", () => {
  it("loads NDJSON, one object a line", async () => {
    const lines = [
      { a: 1, b: "x" },
      { a: 2, b: "y" },
      { a: 3, b: null },
    ]
      .map((o) => JSON.stringify(o))
      .join("\n");
    const [table] = await h.ingest(await h.fixture("events.ndjson", `${lines}\n`));
    expect(table!.rowCount).toBe(3);
    const result = await h.engine.query(CHANNEL, "SELECT sum(a), count(b) FROM events");
    expect(result.rows[0]).toEqual([6, 2]);
  });

  it("loads a TSV with tabs as the delimiter", async () => {
    const [table] = await h.ingest(await h.fixture("scores.tsv", "name\tscore\tnote\nann\t3\ta, b\nbob\t4\tc\n"));
    expect(table!.columnCount).toBe(3);
    const result = await h.engine.query(CHANNEL, "SELECT name, score, note FROM scores ORDER BY name");
    expect(result.rows).toEqual([
      ["ann", 3, "a, b"],
      ["bob", 4, "c"],
    ]);
  });

  it("loads a Parquet file written by DuckDB", async () => {
    const file = path.join(h.dir, "measurements.parquet");
    await withScratchDuckDb(
      `COPY (SELECT i AS id, i * 1.5 AS value, DATE '2024-01-01' + i::INTEGER AS day FROM range(100) t(i))
         TO '${file}' (FORMAT parquet)`,
    );
    const [table] = await h.ingest(file);
    expect(table!.rowCount).toBe(100);
    expect(column(table!.dna, "day").role).toBe("time");
    const result = await h.engine.query(CHANNEL, "SELECT sum(value) FROM measurements");
    expect(result.rows[0]).toEqual([7425]);
  });

  it("loads each sheet of an XLSX workbook as its own table", async () => {
    const workbook = new ExcelJS.Workbook();
    const sales = workbook.addWorksheet("Sales");
    sales.addRow(["region", "amount", "day"]);
    sales.addRow(["north", 10, new Date(Date.UTC(2024, 0, 1))]);
    sales.addRow(["south", 20.5, new Date(Date.UTC(2024, 0, 2))]);
    const staff = workbook.addWorksheet("Staff List");
    staff.addRow(["name", "team"]);
    staff.addRow(["ann", "a"]);
    staff.addRow(["bob", "b"]);
    staff.addRow(["cy", "a"]);
    const file = path.join(h.dir, "Quarterly Report.xlsx");
    await workbook.xlsx.writeFile(file);

    const tables = await h.ingest(file);
    expect(tables.map((t) => [t.tableName, t.rowCount])).toEqual([
      ["quarterly_report_sales", 2],
      ["quarterly_report_staff_list", 3],
    ]);
    const sum = await h.engine.query(CHANNEL, "SELECT sum(amount), min(day) FROM quarterly_report_sales");
    expect(sum.rows[0]).toEqual([30.5, "2024-01-01"]);
    expect(sum.types[1]).toBe("DATE");
  });
});

describe("encodings and quoting", () => {
  it("drops a UTF-8 byte-order mark from the first column name", async () => {
    await h.ingest(await h.fixture("bom.csv", "\uFEFFcity,n\nParis,1\n"));
    const result = await h.engine.query(CHANNEL, "SELECT city, n FROM bom");
    expect(result.columns).toEqual(["city", "n"]);
    expect(result.rows).toEqual([["Paris", 1]]);
  });

  it("converts UTF-16 LE with a byte-order mark to UTF-8", async () => {
    const text = "city,n\nZürich,1\nMalmö,2\n";
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const [table] = await h.ingest(await h.fixture("utf16.csv", bytes));
    expect(table!.notes.join(" ")).toMatch(/UTF-16LE/);
    const result = await h.engine.query(CHANNEL, "SELECT city FROM utf16 ORDER BY n");
    expect(result.columns).toEqual(["city"]);
    expect(result.rows).toEqual([["Zürich"], ["Malmö"]]);
  });

  it("reads Latin-1 bytes (é as 0xE9) as the right characters", async () => {
    const bytes = Buffer.from("name,n\ncaf\xe9,1\nna\xefve,2\n", "latin1");
    expect(bytes.includes(0xe9)).toBe(true);
    const [table] = await h.ingest(await h.fixture("latin.csv", bytes));
    expect(table!.notes.join(" ")).toMatch(/Latin-1/);
    const result = await h.engine.query(CHANNEL, "SELECT name FROM latin ORDER BY n");
    expect(result.rows).toEqual([["café"], ["naïve"]]);
  });

  it("keeps quoted fields with embedded commas, quotes and newlines intact", async () => {
    const csv = 'id,comment,n\n1,"hello, world",5\n2,"line one\nline two",6\n3,"she said ""hi""",7\n';
    const [table] = await h.ingest(await h.fixture("comments.csv", csv));
    expect(table!.rowCount).toBe(3);
    const result = await h.engine.query(CHANNEL, "SELECT comment FROM comments ORDER BY id");
    expect(result.rows).toEqual([["hello, world"], ["line one\nline two"], ['she said "hi"']]);
  });

  it("keeps a column named like an injection as given, and it can be queried", async () => {
    const name = '"; DROP TABLE x; --';
    const csv = `id,"${name.replaceAll('"', '""')}"\n1,a\n2,b\n`;
    const [table] = await h.ingest(await h.fixture("inject.csv", csv));
    expect(table!.dna.columns.map((c) => c.name)).toEqual(["id", name]);
    const result = await h.engine.query(CHANNEL, `SELECT "${name.replaceAll('"', '""')}" AS v FROM inject ORDER BY id`);
    expect(result.rows).toEqual([["a"], ["b"]]);
    expect(await h.duckdbTables()).toContain("main.inject");
  });
});

describe("table names and versions", () => {
  it("replaces the table on re-upload and keeps the previous version queryable as <name>_v1", async () => {
    const first = await h.ingest(await h.fixture("sales.csv", "region,amount\nnorth,1\n"));
    expect(first[0]!.version).toBe(1);
    const second = await h.ingest(await h.fixture("sales.csv", "region,amount\nnorth,1\nsouth,2\n"));
    expect(second[0]).toMatchObject({ tableName: "sales", version: 2, previousVersionTable: "sales_v1", rowCount: 2 });
    expect((await h.engine.query(CHANNEL, "SELECT count(*) FROM sales")).rows[0]).toEqual([2]);
    expect((await h.engine.query(CHANNEL, "SELECT count(*) FROM sales_v1")).rows[0]).toEqual([1]);

    await h.ingest(await h.fixture("sales.csv", "region,amount\na,1\nb,2\nc,3\n"));
    expect((await h.engine.query(CHANNEL, "SELECT count(*) FROM sales_v2")).rows[0]).toEqual([2]);
    const datasets = await h.engine.datasets(CHANNEL);
    expect(datasets.map((d) => [d.tableName, d.status, d.version])).toEqual([
      ["sales", "active", 3],
      ["sales_v1", "superseded", 1],
      ["sales_v2", "superseded", 2],
    ]);
    expect((await h.engine.dna(CHANNEL)).map((d) => d.table)).toEqual(["sales"]);
    expect((await h.engine.dna(CHANNEL, "sales_v1"))[0]!.table).toBe("sales_v1");
  });

  it("sanitizes table names from file names and keeps them unique", async () => {
    const csv = "a\n1\n";
    const names: string[] = [];
    for (const file of ["Sales Report (2024).csv", "sales-report 2024.csv", "2024.csv", "select.csv", "Café.csv"]) {
      const [table] = await h.ingest(await h.fixture(`f${names.length}.csv`, csv), file);
      names.push(table!.tableName);
    }
    expect(names).toEqual(["sales_report_2024", "sales_report_2024_2", "t_2024", "select_data", "cafe"]);
    for (const name of names) {
      expect((await h.engine.query(CHANNEL, `SELECT count(*) FROM ${name}`)).rows[0]).toEqual([1]);
    }
  });
});
