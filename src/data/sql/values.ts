// Turns DuckDB's JS values into plain JSON-safe cells: numbers, strings, booleans, null.

/** A cell as every surface sees it: dates as ISO text, big integers as numbers when exact, else text. */
export type Cell = number | string | boolean | null;

export function toCell(value: unknown, typeName?: string): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Date) return formatDate(value, typeName);
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return JSON.stringify(value, (_key, inner) => (typeof inner === "bigint" ? inner.toString() : inner));
}

function formatDate(value: Date, typeName?: string): string | null {
  if (Number.isNaN(value.getTime())) return null;
  const iso = value.toISOString();
  if (typeName === "DATE") return iso.slice(0, 10);
  // Timestamps without a zone read as wall-clock time: "2001-01-01 00:47:00".
  const text = iso.replace("T", " ").replace(/\.000Z$|Z$/, "");
  return typeName === "TIMESTAMP WITH TIME ZONE" ? `${text}+00` : text;
}
