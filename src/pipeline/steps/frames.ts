// Converts results to and from the sandbox's shapes: SQL rows → a columnar Frame, Python output → a table.
import type { ResultTable } from "../../charts/index.js";
import type { ColumnarResult, QueryResult } from "../../data/index.js";
import type { ColumnType, Frame } from "../../sandbox/index.js";

export function columnType(duckType: string): ColumnType {
  if (/^(DOUBLE|FLOAT|REAL|DECIMAL)/.test(duckType)) return "number";
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/.test(duckType)) return "integer";
  if (duckType === "BOOLEAN") return "boolean";
  if (duckType === "DATE") return "date";
  if (duckType.startsWith("TIMESTAMP")) return "timestamp";
  return "string";
}

export function frameFromQuery(result: QueryResult): Frame {
  return {
    columns: result.columns.map((name, i) => ({
      name,
      type: columnType(result.types[i] ?? "VARCHAR"),
      values: result.rows.map((row) => row[i] ?? null),
    })),
  };
}

export function frameFromColumns(result: ColumnarResult): Frame {
  return { columns: result.columns.map((c) => ({ name: c.name, type: columnType(c.type), values: c.values })) };
}

/** A DataFrame ({columns, rows}) or Series ({index, values}) from Python as a table; null otherwise. */
export function tableFromPython(value: unknown): ResultTable | null {
  if (value === null || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.columns) && Array.isArray(record.rows)) {
    return { columns: record.columns.map(String), rows: record.rows as unknown[][] };
  }
  if (Array.isArray(record.index) && Array.isArray(record.values)) {
    const name = typeof record.name === "string" ? record.name : "value";
    return { columns: ["index", name], rows: record.index.map((key, i) => [key, (record.values as unknown[])[i]]) };
  }
  // Analytics helpers return a dict holding a table (rows/forecast/anomalies…): use the first one.
  for (const inner of Object.values(record)) {
    const table = tableFromPython(inner);
    if (table && table.rows.length > 0) return table;
  }
  return null;
}

export function tableFromQuery(result: QueryResult): ResultTable {
  return { columns: result.columns, types: result.types, rows: result.rows };
}
