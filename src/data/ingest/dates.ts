// Text columns that hold dates ("Jan 1 2000", "2001/01/01 00:47") become real DATE/TIMESTAMP columns.
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, quoteLiteral } from "./table-names.js";

/** strptime formats tried in order; the first that parses every non-null value wins. */
const FORMATS = [
  "%Y-%m-%d",
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M",
  "%Y-%m-%dT%H:%M:%S",
  "%Y-%m-%dT%H:%M:%SZ",
  "%Y/%m/%d",
  "%Y/%m/%d %H:%M",
  "%Y/%m/%d %H:%M:%S",
  "%b %d %Y",
  "%B %d %Y",
  "%b %d, %Y",
  "%B %d, %Y",
  "%d %b %Y",
  "%d %B %Y",
  "%d-%b-%Y",
  "%d-%b-%y",
  "%m/%d/%Y",
  "%m/%d/%Y %H:%M",
  "%m/%d/%Y %H:%M:%S",
  "%d/%m/%Y",
  "%d/%m/%Y %H:%M",
  "%d.%m.%Y",
  "%m/%d/%y",
  "%Y-%m",
  "%b %Y",
  "%B %Y",
];

const HAS_TIME = /%H/;

export interface DateConversion {
  column: string;
  format: string;
  type: "DATE" | "TIMESTAMP";
}

/** Converts in place (inside the caller's transaction) and reports what changed. */
export async function convertDateColumns(connection: DuckDBConnection, table: string): Promise<DateConversion[]> {
  const described = await connection.runAndReadAll(`DESCRIBE ${quoteIdent(table)}`);
  const textColumns = described
    .getRowObjectsJS()
    .filter((row) => row.column_type === "VARCHAR")
    .map((row) => String(row.column_name));
  const conversions: DateConversion[] = [];
  for (const column of textColumns) {
    const format = await detectFormat(connection, table, column);
    if (!format) continue;
    const c = quoteIdent(column);
    const parsed = `strptime(${c}, ${quoteLiteral(format)})`;
    // Only convert when every non-null value parses: never lose a value to a guess.
    const check = await connection.runAndReadAll(
      `SELECT count(*) FILTER (WHERE ${c} IS NOT NULL AND try_strptime(${c}, ${quoteLiteral(format)}) IS NULL) AS bad,
              bool_and(${parsed.replace("strptime", "try_strptime")}::TIME = TIME '00:00:00') AS midnight
         FROM ${quoteIdent(table)}`,
    );
    const row = check.getRowObjectsJS()[0]!;
    if (Number(row.bad) !== 0) continue;
    const type = HAS_TIME.test(format) && row.midnight !== true ? "TIMESTAMP" : "DATE";
    await connection.run(
      `ALTER TABLE ${quoteIdent(table)} ALTER COLUMN ${c} SET DATA TYPE ${type} USING ${parsed}::${type}`,
    );
    conversions.push({ column, format, type });
  }
  return conversions;
}

async function detectFormat(connection: DuckDBConnection, table: string, column: string): Promise<string | null> {
  const c = quoteIdent(column);
  // Look at the first rows only: most text columns are ruled out without a full scan.
  const counts = FORMATS.map((format, i) => `count(try_strptime(v, ${quoteLiteral(format)})) AS f${i}`).join(", ");
  const reader = await connection.runAndReadAll(
    `WITH head AS (SELECT ${c} AS v FROM ${quoteIdent(table)} WHERE ${c} IS NOT NULL LIMIT 5000),
          sample AS (SELECT DISTINCT v FROM head LIMIT 500)
     SELECT count(*) AS total,
            count(*) FILTER (WHERE length(v) BETWEEN 6 AND 32 AND regexp_matches(v, '[0-9]')) AS shaped,
            ${counts}
       FROM sample`,
  );
  const row = reader.getRowObjectsJS()[0]!;
  const total = Number(row.total);
  if (total === 0 || Number(row.shaped) < total) return null;
  for (let i = 0; i < FORMATS.length; i++) {
    if (Number(row[`f${i}`]) === total) return FORMATS[i]!;
  }
  return null;
}
