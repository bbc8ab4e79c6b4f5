// The SQL guard: DuckDB's own parser must see exactly one SELECT (or WITH … SELECT) before anything runs.
import type { DuckDBConnection } from "@duckdb/node-api";
import { UserInputError } from "../../util/index.js";

/** Table functions a question may call; everything else (read_csv, glob, read_text, …) is refused. */
const ALLOWED_TABLE_FUNCTIONS = new Set(["range", "generate_series", "unnest"]);

export class SqlRefusedError extends UserInputError {}

interface SerializedSql {
  error: boolean;
  error_type?: string;
  error_message?: string;
  statements?: unknown[];
}

/**
 * Parses `sql` with DuckDB and throws SqlRefusedError unless it is exactly one read-only query.
 * The decision is the parser's: statement count, DuckDB's SELECT serialization (which refuses every
 * other statement kind, PRAGMA included), then a walk of the syntax tree for table functions.
 */
export async function guardSql(connection: DuckDBConnection, sql: string): Promise<void> {
  if (sql.trim().length === 0) refuse("empty", "The SQL is empty.");
  let count: number;
  try {
    count = (await connection.extractStatements(sql)).count;
  } catch (error) {
    throw new SqlRefusedError("sql_parse_error", `The SQL does not parse: ${firstLine(error)}`, {
      cause: error,
      hint: "Fix the syntax and try again.",
    });
  }
  if (count !== 1) {
    refuse("multiple_statements", `Refused ${count} statements: only one SELECT query can run at a time.`);
  }
  const reader = await connection.runAndReadAll("SELECT json_serialize_sql($1::VARCHAR) AS tree", [sql]);
  const tree = JSON.parse(String(reader.getRowObjects()[0]?.tree)) as SerializedSql;
  if (tree.error) {
    if (tree.error_type === "not implemented") {
      refuse(
        "not_a_query",
        `Refused the ${statementWord(sql)} statement: only a single SELECT (or WITH … SELECT) query can run.`,
      );
    }
    throw new SqlRefusedError("sql_parse_error", `The SQL does not parse: ${tree.error_message ?? "unknown error"}`, {
      hint: "Fix the syntax and try again.",
    });
  }
  for (const name of tableFunctions(tree.statements)) {
    if (!ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase())) {
      refuse("table_function", `Refused the table function ${name}(): questions can read only this channel's tables.`);
    }
  }
}

function refuse(code: string, message: string): never {
  throw new SqlRefusedError(`sql_refused_${code}`, message, {
    hint: "Ask for a SELECT over the channel's tables (see /insightx tables).",
  });
}

/** Every table function named anywhere in the serialized tree (joins, subqueries, CTEs included). */
function tableFunctions(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) {
    for (const child of node) tableFunctions(child, found);
  } else if (node !== null && typeof node === "object") {
    const record = node as Record<string, unknown>;
    if (record.type === "TABLE_FUNCTION") {
      const fn = record.function as { function_name?: unknown } | undefined;
      found.push(String(fn?.function_name ?? "unknown"));
    }
    for (const value of Object.values(record)) tableFunctions(value, found);
  }
  return found;
}

/** The statement's first word, only to name it in the refusal (the parser already decided). */
function statementWord(sql: string): string {
  const word = sql.trim().split(/\s+/, 1)[0] ?? "";
  return word.replace(/[^A-Za-z_]/g, "").toUpperCase() || "non-query";
}

/** The first line of an error's message (DuckDB appends the query and a caret below it). */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0] ?? text;
}
