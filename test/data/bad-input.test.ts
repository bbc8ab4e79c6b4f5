// Bad uploads: each refused with a message naming the file and the fix, nothing half-loaded, the engine still serving.
import { readdir } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserInputError } from "../../src/util/errors.js";
import { CHANNEL, type Harness, openHarness } from "./harness.js";

let h: Harness;
let failCommit = false;
beforeEach(async () => {
  failCommit = false;
  h = await openHarness(
    { MAX_UPLOAD_BYTES: "2MB" },
    {
      onIngested: async () => {
        if (failCommit) throw new Error("the store is down");
      },
    },
  );
  await h.ingest(await h.fixture("keep.csv", "id,name\n1,a\n2,b\n3,c\n"));
});
afterEach(async () => {
  await h.cleanup();
});

/** The upload fails with `message`, and the channel is exactly as it was: same tables, same catalog, still answering. */
async function expectRefusedCleanly(file: string, name: string, message: RegExp): Promise<UserInputError> {
  const tablesBefore = await h.duckdbTables();
  const datasetsBefore = await h.engine.datasets(CHANNEL);
  const error = await h.ingest(file, name).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserInputError);
  const refused = error as UserInputError;
  expect(refused.userMessage).toContain(name);
  expect(refused.userMessage).toMatch(message);
  expect(refused.userMessage).toMatch(/upload again|upload a file|rename it/i);
  expect(await h.duckdbTables()).toEqual(tablesBefore);
  expect(await h.engine.datasets(CHANNEL)).toEqual(datasetsBefore);
  expect((await h.engine.query(CHANNEL, "SELECT count(*), max(name) FROM keep")).rows).toEqual([[3, "c"]]);
  expect(await readdir(path.join(h.dir, "tmp", "ingest"))).toEqual([]);
  return refused;
}

/** A one-entry zip whose central directory tells the truth, or claims `claimedSize` instead. */
function zipOf(entryName: string, data: Buffer, level: number, claimedSize = data.length): Buffer {
  const deflated = zlib.deflateRawSync(data, { level });
  const crc = zlib.crc32(data);
  const name = Buffer.from(entryName);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(claimedSize, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(claimedSize, 24);
  central.writeUInt16LE(name.length, 28);
  const entries = Buffer.concat([local, name, deflated]);
  const directory = Buffer.concat([central, name]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(entries.length, 16);
  return Buffer.concat([entries, directory, end]);
}

describe("refused uploads", () => {
  it("refuses an empty file", async () => {
    await expectRefusedCleanly(await h.fixture("empty.csv", ""), "empty.csv", /is empty/);
  });

  it("refuses a file with a header and no rows", async () => {
    await expectRefusedCleanly(await h.fixture("header.csv", "a,b,c\n"), "header.csv", /header but no data rows/);
  });

  it("refuses ragged rows and names the line", async () => {
    const csv = "a,b,c\n1,2,3\n4,5,6\n7,8\n9,10,11\n";
    const error = await expectRefusedCleanly(await h.fixture("ragged.csv", csv), "ragged.csv", /line 4/);
    expect(error.userMessage).toMatch(/2 fields but the header has 3/);
  });

  it("names the line of a ragged row far into the file", async () => {
    const csv = `a,b,c\n${"1,2,3\n".repeat(5000)}4,5,6,7\n`;
    await expectRefusedCleanly(await h.fixture("late.csv", csv), "late.csv", /line 5002 has 4 fields/);
  });

  it("refuses a binary file named .csv", async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await expectRefusedCleanly(await h.fixture("image.csv", bytes), "image.csv", /binary data/);
  });

  it("refuses a PDF, whatever its name says", async () => {
    const pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n";
    await expectRefusedCleanly(await h.fixture("report.pdf", pdf), "report.pdf", /is a PDF/);
    await expectRefusedCleanly(await h.fixture("report.csv", pdf), "report.csv", /is a PDF/);
  });

  it("refuses a zip bomb named .xlsx before inflating it", async () => {
    const bomb = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(200 * 1024 ** 2), 1);
    expect(bomb.length).toBeLessThan(2_000_000);
    await expectRefusedCleanly(await h.fixture("bomb.xlsx", bomb), "bomb.xlsx", /zip bomb/);
  });

  it("refuses a zip whose directory understates what it inflates to", async () => {
    const liar = zipOf("xl/worksheets/sheet1.xml", Buffer.alloc(20 * 1024 ** 2), 9, 1000);
    await expectRefusedCleanly(await h.fixture("liar.xlsx", liar), "liar.xlsx", /corrupt/);
  });

  it("refuses a zip that holds no worksheet", async () => {
    const notExcel = zipOf("hello.txt", Buffer.from("hello, world\n".repeat(10)), 6);
    await expectRefusedCleanly(await h.fixture("notes.xlsx", notExcel), "notes.xlsx", /no sheets with data/);
  });

  it("refuses a workbook whose sheet is not XML", async () => {
    const broken = zipOf("xl/worksheets/sheet1.xml", Buffer.from("not xml at all ".repeat(100)), 6);
    await expectRefusedCleanly(await h.fixture("broken.xlsx", broken), "broken.xlsx", /not a readable Excel/);
  });

  it("refuses a file over the upload limit", async () => {
    const big = `a,b\n${"1,2\n".repeat(600_000)}`;
    await expectRefusedCleanly(await h.fixture("big.csv", big), "big.csv", /over the 1\.9 MB upload limit/);
  });

  it("refuses a table wider than MAX_COLUMNS", async () => {
    const header = Array.from({ length: 5000 }, (_, i) => `c${i}`).join(",");
    const row = Array.from({ length: 5000 }, (_, i) => i).join(",");
    await expectRefusedCleanly(
      await h.fixture("wide.csv", `${header}\n${row}\n`),
      "wide.csv",
      /5000 columns; the limit is 2000/,
    );
  });

  it("refuses a JSON file that is cut off", async () => {
    await expectRefusedCleanly(await h.fixture("cut.json", '[{"a": 1}, {"a": '), "cut.json", /could not be read/);
  });

  it("rolls everything back when recording the dataset fails before commit", async () => {
    failCommit = true;
    const tablesBefore = await h.duckdbTables();
    const datasetsBefore = await h.engine.datasets(CHANNEL);
    const again = await h.fixture("keep.csv", "id,name\n9,z\n");
    await expect(h.ingest(again)).rejects.toThrow("the store is down");
    await expect(h.ingest(await h.fixture("other.csv", "x\n1\n"))).rejects.toThrow("the store is down");
    expect(await h.duckdbTables()).toEqual(tablesBefore);
    expect(await h.engine.datasets(CHANNEL)).toEqual(datasetsBefore);
    expect((await h.engine.query(CHANNEL, "SELECT count(*) FROM keep")).rows).toEqual([[3]]);

    failCommit = false;
    const [replaced] = await h.ingest(again);
    expect(replaced).toMatchObject({ tableName: "keep", version: 2, previousVersionTable: "keep_v1" });
  });
});

describe("accepted with a note", () => {
  it("makes duplicate column names unique and names the renamed columns", async () => {
    const [table] = await h.ingest(await h.fixture("dups.csv", "a,a,b,b,a\n1,2,3,4,5\n"));
    expect(table!.dna.columns.map((c) => c.name)).toEqual(["a", "a_1", "b", "b_1", "a_2"]);
    expect(table!.notes).toEqual(["duplicate column names were made unique: a → a_1, b → b_1, a → a_2"]);
    const result = await h.engine.query(CHANNEL, "SELECT a, a_1, a_2, b_1 FROM dups");
    expect(result.rows).toEqual([[1, 2, 5, 4]]);
  });

  it("converts Windows-1252 text (curly quotes, é) to UTF-8 and says so", async () => {
    const bytes = Buffer.from("word,n\n\x93quoted\x94,1\ncaf\xe9,2\n", "latin1");
    const [table] = await h.ingest(await h.fixture("cp1252.csv", bytes));
    expect(table!.notes.join(" ")).toMatch(/converted from Latin-1 \(Windows-1252\)/);
    const result = await h.engine.query(CHANNEL, "SELECT word FROM cp1252 ORDER BY n");
    expect(result.rows).toEqual([["“quoted”"], ["café"]]);
  });

  it("keeps valid UTF-8 and reads only the stray non-UTF-8 bytes as Latin-1", async () => {
    const utf8 = Buffer.from(`word,n\n${"crème,1\n".repeat(20_000)}`);
    const bytes = Buffer.concat([utf8, Buffer.from("caf\xe9,2\n", "latin1")]);
    const [table] = await h.ingest(await h.fixture("mixed.csv", bytes));
    expect(table!.notes).toEqual(["1 byte(s) that were not valid UTF-8 were read as Latin-1 (Windows-1252)"]);
    const result = await h.engine.query(CHANNEL, "SELECT word, count(*) FROM mixed GROUP BY word ORDER BY word");
    expect(result.rows).toEqual([
      ["café", 1],
      ["crème", 20_000],
    ]);
  });
});
