// The SQL guard and runner: only one SELECT runs, nothing reads files, long queries stop, big results are capped.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QueryTimeoutError, quoteIdent, SqlRefusedError } from "../../src/data/index.js";
import { CHANNEL, type Harness, openHarness, withScratchDuckDb } from "./harness.js";

const OTHER = { teamId: "T1", channelId: "C2" };

let h: Harness;
beforeEach(async () => {
  h = await openHarness({ SQL_TIMEOUT_MS: "400", SQL_MAX_ROWS: "50", SQL_MAX_BYTES: "20000" });
  await h.ingest(await h.fixture("keep.csv", "id,name\n1,a\n2,b\n3,c\n"));
});
afterEach(async () => {
  await h.cleanup();
});

async function refusal(sql: string): Promise<SqlRefusedError> {
  const error = await h.engine.query(CHANNEL, sql).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error, sql).toBeInstanceOf(SqlRefusedError);
  return error as SqlRefusedError;
}

async function keepIsIntact(): Promise<void> {
  expect((await h.engine.query(CHANNEL, "SELECT count(*), string_agg(name, '') FROM keep")).rows).toEqual([[3, "abc"]]);
}

describe("statements other than one SELECT", () => {
  const statements: Array<[string, string]> = [
    ["DROP", "DROP TABLE keep"],
    ["DELETE", "DELETE FROM keep"],
    ["UPDATE", "UPDATE keep SET name = 'x'"],
    ["INSERT", "INSERT INTO keep VALUES (4, 'd')"],
    ["CREATE", "CREATE TABLE y AS SELECT 1"],
    ["ALTER", "ALTER TABLE keep ADD COLUMN c INTEGER"],
    ["ATTACH", "ATTACH '/tmp/elsewhere.duckdb' AS other"],
    ["DETACH", "DETACH other"],
    ["COPY", "COPY keep TO '/tmp/keep.csv'"],
    ["EXPORT", "EXPORT DATABASE '/tmp/export'"],
    ["INSTALL", "INSTALL httpfs"],
    ["LOAD", "LOAD httpfs"],
    ["SET", "SET enable_external_access = true"],
    ["PRAGMA", "PRAGMA table_info('keep')"],
    ["CALL", "CALL pragma_version()"],
  ];
  for (const [word, sql] of statements) {
    it(`refuses ${word} and names it`, async () => {
      const error = await refusal(sql);
      expect(error.code).toBe("sql_refused_not_a_query");
      expect(error.message).toBe(
        `Refused the ${word} statement: only a single SELECT (or WITH … SELECT) query can run.`,
      );
      await keepIsIntact();
    });
  }

  it("refuses a second statement after a semicolon", async () => {
    const error = await refusal("SELECT * FROM keep; DROP TABLE keep");
    expect(error.code).toBe("sql_refused_multiple_statements");
    expect(error.message).toMatch(/Refused 2 statements/);
    await keepIsIntact();
  });

  it("accepts a single SELECT with a trailing semicolon", async () => {
    expect((await h.engine.query(CHANNEL, "SELECT count(*) FROM keep;")).rows).toEqual([[3]]);
  });

  it("refuses a data-changing statement that starts with WITH", async () => {
    expect((await refusal("WITH t AS (SELECT 1) DELETE FROM keep")).code).toBe("sql_refused_not_a_query");
    await keepIsIntact();
  });

  it("says when the SQL does not parse", async () => {
    const error = await refusal("SELEC name FROM keep");
    expect(error.code).toBe("sql_parse_error");
    expect(error.userMessage).toMatch(/does not parse.*Fix the syntax/);
  });
});

describe("files outside the channel's tables", () => {
  it("refuses read_csv, read_text and glob wherever they appear", async () => {
    for (const [name, sql] of [
      ["read_csv", "SELECT * FROM read_csv('/etc/passwd')"],
      ["read_text", "SELECT * FROM read_text('/etc/passwd')"],
      ["glob", "SELECT * FROM glob('/etc/*')"],
      ["read_csv", "SELECT (SELECT count(*) FROM read_csv('/etc/passwd')) AS n"],
      ["read_text", "WITH t AS (SELECT * FROM read_text('/etc/hostname')) SELECT * FROM t"],
      ["read_csv_auto", "SELECT * FROM keep, LATERAL (SELECT * FROM read_csv_auto('/etc/passwd'))"],
    ]) {
      const error = await refusal(sql!);
      expect(error.code).toBe("sql_refused_table_function");
      expect(error.message).toBe(
        `Refused the table function ${name}(): questions can read only this channel's tables.`,
      );
    }
  });

  it("cannot read another channel's database or Parquet file, by table function or by path", async () => {
    await h.ingest(await h.fixture("secret.csv", "code\nhunter2\n"), "secret.csv", OTHER);
    const otherDb = h.engine.databases.pathFor(OTHER);
    const parquet = path.join(path.dirname(otherDb), "secret.parquet");
    await withScratchDuckDb(`COPY (SELECT 'hunter2' AS code) TO '${parquet}' (FORMAT parquet)`);

    expect((await refusal(`SELECT * FROM read_parquet('${parquet}')`)).code).toBe("sql_refused_table_function");
    expect((await refusal(`SELECT * FROM read_parquet('${otherDb}')`)).code).toBe("sql_refused_table_function");
    expect((await refusal(`ATTACH '${otherDb}' AS other`)).code).toBe("sql_refused_not_a_query");
    // A quoted path is a replacement scan, not a table function: the locked-down instance refuses the file.
    for (const file of [parquet, otherDb]) {
      await expect(h.engine.query(CHANNEL, `SELECT * FROM '${file}'`)).rejects.toThrow(
        /file system operations are disabled/,
      );
    }
    await expect(h.engine.query(CHANNEL, "SELECT * FROM secret")).rejects.toThrow(/secret does not exist/);
  });

  it("keeps the query connection locked even without the guard", async () => {
    await h.engine.databases.read(CHANNEL, async (connection) => {
      await expect(connection.run("SET enable_external_access = true")).rejects.toThrow(/locked/i);
      await expect(connection.run("SELECT * FROM read_text('/etc/hostname')")).rejects.toThrow(/disabled/);
      await expect(connection.run("DROP TABLE keep")).rejects.toThrow(/read-only/i);
    });
    await keepIsIntact();
  });
});

describe("limits", () => {
  const slow = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range = -1";

  it("interrupts a query past the time limit, says so, and answers the next one", async () => {
    const started = performance.now();
    const error = await h.engine.query(CHANNEL, slow).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(QueryTimeoutError);
    expect((error as QueryTimeoutError).code).toBe("sql_timeout");
    expect((error as QueryTimeoutError).message).toBe("The query was stopped after 0.4 s (time limit).");
    expect(performance.now() - started).toBeLessThan(5_000);
    await keepIsIntact();
  });

  it("interrupts a frame read past the time limit too", async () => {
    await expect(h.engine.readColumns(CHANNEL, { sql: slow })).rejects.toBeInstanceOf(QueryTimeoutError);
    const frame = await h.engine.readColumns(CHANNEL, { table: "keep" });
    expect(frame.rowCount).toBe(3);
    expect(frame.columns.map((c) => c.name)).toEqual(["id", "name"]);
  });

  it("keeps at most SQL_MAX_ROWS rows and reports the truncation", async () => {
    const capped = await h.engine.query(CHANNEL, "SELECT range AS i FROM range(100)");
    expect(capped.rowCount).toBe(50);
    expect(capped.truncated).toEqual({ reason: "rows", kept: 50 });
    const exact = await h.engine.query(CHANNEL, "SELECT range AS i FROM range(50)");
    expect(exact.truncated).toBeNull();
    const asked = await h.engine.query(CHANNEL, "SELECT range FROM range(100)", { maxRows: 5 });
    expect(asked.rows).toEqual([[0], [1], [2], [3], [4]]);
  });

  it("stops at SQL_MAX_BYTES and reports the truncation", async () => {
    const result = await h.engine.query(CHANNEL, "SELECT repeat('x', 1000) AS text FROM range(40)");
    expect(result.truncated?.reason).toBe("bytes");
    expect(result.rowCount).toBeGreaterThan(10);
    expect(result.rowCount).toBeLessThan(20);
    expect(result.truncated?.kept).toBe(result.rowCount);
  });
});

describe("queries that run", () => {
  it("runs a WITH … SELECT over the channel's tables", async () => {
    const result = await h.engine.query(
      CHANNEL,
      "WITH odd AS (SELECT * FROM keep WHERE id % 2 = 1) SELECT name, id * 10 AS x FROM odd ORDER BY id",
    );
    expect(result.columns).toEqual(["name", "x"]);
    expect(result.types).toEqual(["VARCHAR", "BIGINT"]);
    expect(result.rows).toEqual([
      ["a", 10],
      ["c", 30],
    ]);
  });

  it("allows range() and unnest() but no other table function", async () => {
    expect((await h.engine.query(CHANNEL, "SELECT sum(range) FROM range(4)")).rows).toEqual([[6]]);
    expect((await h.engine.query(CHANNEL, "SELECT unnest([1, 2]) AS v")).rows).toEqual([[1], [2]]);
  });

  it("reaches odd column names through quoteIdent and treats injected text as data", async () => {
    const odd = 'it\'s "quoted", spaced';
    const csv = `${quoteIdent(odd)},v\n"x'); DROP TABLE keep; --",1\n`;
    await h.ingest(await h.fixture("odd.csv", csv));
    const result = await h.engine.query(CHANNEL, `SELECT ${quoteIdent(odd)} FROM odd`);
    expect(result.columns).toEqual([odd]);
    expect(result.rows).toEqual([["x'); DROP TABLE keep; --"]]);
    expect(quoteIdent('a"b')).toBe('"a""b"');
    await keepIsIntact();
  });

  it("reports an unbound parameter as a failed query", async () => {
    await expect(h.engine.query(CHANNEL, "SELECT * FROM keep WHERE id = $1")).rejects.toThrow(
      /The query failed: .*not provided/,
    );
  });
});
