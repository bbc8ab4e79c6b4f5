// Turns a detected upload into DuckDB relations (read_csv / read_json / read_parquet), one per table.
import { createReadStream } from "node:fs";
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserInputError } from "../../util/index.js";
import { findRaggedLine, guessDelimiter } from "./csv-diagnose.js";
import { type DetectedFile, formatSize } from "./detect.js";
import { transcodeLatin1, transcodeUtf16 } from "./encoding.js";
import { quoteLiteral } from "./table-names.js";
import { TooMuchTextError, workbookToCsv } from "./xlsx.js";
import { checkZip } from "./zip-check.js";

export interface Source {
  /** Sheet name for workbooks. */
  sheet?: string;
  /** A FROM-able relation, e.g. read_csv('…', …). */
  relation: string;
  columns: Array<{ name: string; type: string }>;
  notes: string[];
  /**
   * For text read as UTF-8 without a full check: a copy with stray non-UTF-8 bytes read as Windows-1252,
   * used when DuckDB meets such a byte while loading (checking 100 MB up front would cost every upload).
   */
  repairText?: () => Promise<Source>;
}

export interface SourceOptions {
  scratchDir: string;
  maxRows: number;
  maxColumns: number;
  maxUncompressedBytes: number;
}

export async function openSources(
  connection: DuckDBConnection,
  file: { path: string; name: string },
  detected: DetectedFile,
  options: SourceOptions,
): Promise<Source[]> {
  switch (detected.format) {
    case "csv":
    case "tsv":
      return [await csvSource(connection, file, detected, options)];
    case "json":
      return [
        await verified(
          connection,
          file.name,
          `read_json_auto(${quoteLiteral(file.path)}, format = 'auto', maximum_object_size = 67108864)`,
          options,
          [],
        ),
      ];
    case "parquet":
      return [await verified(connection, file.name, `read_parquet(${quoteLiteral(file.path)})`, options, [])];
    case "xlsx": {
      await checkZip(file.path, file.name, {
        maxUncompressedBytes: options.maxUncompressedBytes,
        maxRatio: 200,
        maxEntries: 10_000,
      });
      const sheets = await workbookToCsv(
        file.path,
        options.scratchDir,
        options.maxRows,
        options.maxUncompressedBytes,
      ).catch((error) => {
        const why =
          error instanceof TooMuchTextError
            ? `inflates past ${formatSize(options.maxUncompressedBytes)} of text, over the limit`
            : `is not a readable Excel workbook (${firstErrorLine(error)})`;
        throw new UserInputError("bad_workbook", `${file.name} ${why}.`, {
          cause: error,
          hint: "Open it in Excel, save a clean copy as .xlsx (or export CSV) and upload again.",
        });
      });
      if (sheets.length === 0) {
        throw new UserInputError("empty_file", `${file.name} has no sheets with data.`, {
          hint: "Put a header row and data rows on a sheet and upload again.",
        });
      }
      const sources: Source[] = [];
      for (const sheet of sheets) {
        const relation = `read_csv(${quoteLiteral(sheet.csvPath)}, header = true, delim = ',', quote = '"', escape = '"')`;
        sources.push({
          ...(await verified(connection, `${file.name} [${sheet.sheet}]`, relation, options, [])),
          sheet: sheet.sheet,
        });
      }
      return sources;
    }
  }
}

async function csvSource(
  connection: DuckDBConnection,
  file: { path: string; name: string },
  detected: DetectedFile,
  options: SourceOptions,
  forceRepair = false,
): Promise<Source> {
  const notes: string[] = [];
  const csvPath = await utf8Text(file.path, detected, options.scratchDir, notes, forceRepair);
  const delimiter = detected.format === "tsv" ? "\t" : undefined;
  const relationFor = (delim?: string) =>
    `read_csv(${quoteLiteral(csvPath)}${delim ? `, delim = ${quoteLiteral(delim)}` : ""})`;
  let relation = relationFor(delimiter);
  let columns: Source["columns"];
  try {
    columns = await describe(connection, relation);
  } catch (error) {
    if (!forceRepair && csvPath === file.path && isInvalidText(error)) {
      return csvSource(connection, file, detected, options, true);
    }
    return csvFailure(file, csvPath, delimiter, error);
  }
  // The sniffer falls back to one column when rows disagree: check that against the header line.
  if (columns.length === 1) {
    const header = await firstLine(csvPath);
    const guessed = delimiter ?? guessDelimiter(header);
    if (header.includes(guessed)) {
      const ragged = await findRaggedLine(csvPath, guessed);
      if (ragged) return raggedFailure(file.name, ragged);
      relation = relationFor(guessed);
      columns = await describe(connection, relation).catch((error) => csvFailure(file, csvPath, guessed, error));
    }
  }
  const deduplicated = duplicateRenames(columns, await firstLine(csvPath));
  if (deduplicated.length > 0) notes.push(`duplicate column names were made unique: ${deduplicated.join(", ")}`);
  const source = checkColumns(file.name, { relation, columns, notes }, options);
  if (csvPath === file.path) source.repairText = () => csvSource(connection, file, detected, options, true);
  return source;
}

/** DuckDB's complaint about bytes that are not UTF-8. */
export function isInvalidText(error: unknown): boolean {
  return /invalid unicode|utf-?8|byte sequence/i.test(String(error));
}

/** The path of a UTF-8 copy of the text (the file itself when it looks like UTF-8), noting any conversion. */
async function utf8Text(
  filePath: string,
  detected: DetectedFile,
  scratchDir: string,
  notes: string[],
  repair: boolean,
): Promise<string> {
  const target = path.join(scratchDir, "utf8.csv");
  if (detected.encoding === "utf-16le" || detected.encoding === "utf-16be") {
    await transcodeUtf16(filePath, target, detected.encoding);
    notes.push(`converted from ${detected.encoding.toUpperCase()} to UTF-8`);
    return target;
  }
  if (detected.encoding === "latin-1") {
    await transcodeLatin1(filePath, target, true);
    notes.push("converted from Latin-1 (Windows-1252) to UTF-8: the file is not UTF-8");
    return target;
  }
  // The first 64 KB were UTF-8: trust the rest until DuckDB says otherwise (then `repair` is set).
  if (!repair) return filePath;
  const converted = await transcodeLatin1(filePath, target, false);
  notes.push(`${converted} byte(s) that were not valid UTF-8 were read as Latin-1 (Windows-1252)`);
  return target;
}

/** DuckDB names a repeated header `a`, `a_1`, …: report those renames. */
function duplicateRenames(columns: Source["columns"], header: string): string[] {
  const names = new Set(columns.map((c) => c.name));
  return columns
    .map((c) => /^(.*)_(\d+)$/.exec(c.name))
    .filter((m): m is RegExpExecArray => m !== null && names.has(m[1]!) && header.split(m[1]!).length > 2)
    .map((m) => `${m[1]} → ${m[0]}`);
}

async function verified(
  connection: DuckDBConnection,
  label: string,
  relation: string,
  options: SourceOptions,
  notes: string[],
): Promise<Source> {
  try {
    return checkColumns(label, { relation, columns: await describe(connection, relation), notes }, options);
  } catch (error) {
    if (error instanceof UserInputError) throw error;
    throw new UserInputError("unreadable_file", `${label} could not be read: ${firstErrorLine(error)}`, {
      cause: error,
      hint: "Check that the file is complete and in the format its extension says, then upload again.",
    });
  }
}

function checkColumns(label: string, source: Source, options: SourceOptions): Source {
  if (source.columns.length > options.maxColumns) {
    throw new UserInputError(
      "too_many_columns",
      `${label} has ${source.columns.length} columns; the limit is ${options.maxColumns}.`,
      {
        hint: "Keep the columns you want to ask about (or reshape it to long format) and upload again.",
      },
    );
  }
  return source;
}

async function describe(connection: DuckDBConnection, relation: string): Promise<Source["columns"]> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return reader.getRowObjectsJS().map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

async function csvFailure(
  file: { path: string; name: string },
  csvPath: string,
  delimiter: string | undefined,
  error: unknown,
): Promise<never> {
  const ragged = await findRaggedLine(csvPath, delimiter);
  if (ragged) return raggedFailure(file.name, ragged);
  const lineMatch = /line[:\s]+(\d+)/i.exec(String(error));
  throw new UserInputError(
    "unreadable_csv",
    `${file.name} could not be read${lineMatch ? ` (line ${lineMatch[1]})` : ""}: ${firstErrorLine(error)}`,
    {
      cause: error,
      hint: "Check the delimiter and quoting near that line, fix or remove it, and upload again.",
    },
  );
}

function raggedFailure(fileName: string, ragged: { line: number; fields: number; expected: number }): never {
  throw new UserInputError(
    "ragged_rows",
    `${fileName}: line ${ragged.line} has ${ragged.fields} fields but the header has ${ragged.expected}.`,
    { hint: "Fix that row (a missing or extra delimiter, or an unquoted comma) and upload again." },
  );
}

async function firstLine(filePath: string): Promise<string> {
  const stream = createReadStream(filePath, { encoding: "utf8", end: 1024 * 1024 });
  try {
    let text = "";
    for await (const chunk of stream as AsyncIterable<string>) {
      text += chunk;
      const end = text.search(/\r?\n/);
      if (end >= 0) return text.slice(0, end);
    }
    return text;
  } finally {
    stream.destroy();
  }
}

export function firstErrorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split("\n")[0] ?? text).replace(/^[A-Za-z ]+Error: /, "");
}
