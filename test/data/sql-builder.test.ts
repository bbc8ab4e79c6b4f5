// The SQL builder: identifiers quoted by DuckDB's helper, values bound as parameters, the display text for people.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import {
  aggregate,
  aliased,
  build,
  compare,
  DataEngine,
  dateTrunc,
  displaySql,
  ident,
  inList,
  ordered,
  select,
  sql,
} from "../../src/data/index.js";

let dir: string;
let engine: DataEngine;
const ref = { teamId: "TSQL", channelId: "CBUILDER" };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sql-builder-"));
  engine = new DataEngine({ config: loadConfig({ DATA_DIR: dir }) });
  const file = path.join(dir, "odd.csv");
  writeFileSync(
    file,
    'team,"Score (""pts"")",day\nO\'Brien\'s,10,2024-01-05\nO\'Brien\'s,20,2024-02-01\nLee,5,2024-02-03\n',
  );
  await engine.ingest(ref, { path: file, name: "odd scores.csv" });
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SQL builder", () => {
  it("binds every value as a parameter and quotes identifiers, so no value reaches the text", () => {
    const query = build(
      select({
        select: [aliased(aggregate("avg", ident('Score ("pts")')), "avg_score")],
        from: ident("odd_scores"),
        where: [compare(ident("team"), "=", "x'; DROP TABLE t; --")],
      }),
    );
    expect(query.text).toBe('SELECT avg("Score (""pts"")") AS "avg_score" FROM "odd_scores" WHERE "team" = $1');
    expect(query.params).toEqual(["x'; DROP TABLE t; --"]);
  });

  it("runs a query with bound values on DuckDB, quotes in values included", async () => {
    const [dna] = await engine.dna(ref);
    const score = dna!.columns.find((c) => c.name.startsWith("Score"))!.name;
    const query = build(
      select({
        select: [ident("team"), aliased(aggregate("sum", ident(score)), "total")],
        from: ident(dna!.table),
        where: [inList(ident("team"), ["O'Brien's", "nobody"])],
        groupBy: [ident("team")],
        orderBy: [ordered(ident("team"), "asc")],
      }),
    );
    const result = await engine.query(ref, query);
    expect(result.rows).toEqual([["O'Brien's", 30]]);
  });

  it("binds values inside date functions and the guard accepts placeholders", async () => {
    const [dna] = await engine.dna(ref);
    const month = dateTrunc("month", ident("day"));
    const query = build(
      sql`SELECT CAST(${month} AS DATE) AS m, count(*) AS n FROM ${ident(dna!.table)} WHERE ${ident("day")} >= CAST(${"2024-02-01"} AS DATE) GROUP BY 1`,
    );
    expect(query.params).toEqual(["2024-02-01"]);
    const result = await engine.query(ref, query);
    expect(result.rows).toEqual([["2024-02-01", 2]]);
  });

  it("shows people the query with its values as literals, leaving quoted text alone", () => {
    const query = build(sql`SELECT ${ident("$1")} FROM t WHERE a = ${"it's"} AND b > ${2.5} AND c = ${true}`);
    expect(displaySql(query)).toBe(`SELECT "$1" FROM t WHERE a = 'it''s' AND b > 2.5 AND c = TRUE`);
  });

  it("reads a query with bound values column by column, capped to a row limit that is itself bound", async () => {
    const [dna] = await engine.dna(ref);
    const query = build(
      select({
        select: [ident("team")],
        from: ident(dna!.table),
        where: [inList(ident("team"), ["O'Brien's", "Lee"])],
      }),
    );
    const read = await engine.readColumns(ref, { sql: query }, 2);
    expect(read.rowCount).toBe(2);
    expect(read.columns[0]?.values).toEqual(["O'Brien's", "O'Brien's"]);
  });

  it("refuses a value that is not a finite number, and a time unit it does not know", () => {
    expect(() => sql`SELECT ${Number.NaN}`).toThrow(RangeError);
    expect(() => dateTrunc("fortnight" as "day", ident("d"))).toThrow(RangeError);
  });
});
