// For a filtered query that found nothing: the known values of the columns it filters on (and the date range of
// the time columns it names), so the repair can see that 'japan' is spelled 'Japan' in the data.
import type { ColumnProfile, DataDna } from "../../data/index.js";
import { quoteName } from "./fence.js";
import { stringFilters } from "./sql-cleanup.js";

const MAX_VALUES = 200;
const MAX_CHARS = 3_000;

/** null when the query filters on no column whose values or range are known: its empty result stands. */
export function knownValuesNote(sql: string, tables: readonly DataDna[]): string | null {
  const columns = tables.flatMap((dna) => dna.columns.map((column) => ({ table: dna.table, column })));
  const find = (name: string) =>
    columns.find((c) => c.column.name === name) ??
    columns.find((c) => c.column.name.toLowerCase() === name.toLowerCase());
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const filter of stringFilters(sql)) {
    const found = find(filter.column);
    if (!found || seen.has(found.column.name)) continue;
    const values = valuesOf(found.column);
    if (values.length === 0) continue;
    seen.add(found.column.name);
    const near = values.filter((value) => close(value, filter.value)).slice(0, 5);
    const listed = values
      .slice(0, MAX_VALUES)
      .map((v) => JSON.stringify(v))
      .join(", ");
    const hint =
      near.length > 0
        ? `; closest to ${JSON.stringify(filter.value)}: ${near.map((v) => JSON.stringify(v)).join(", ")}`
        : "";
    lines.push(
      `${quoteName(found.table)}.${quoteName(found.column.name)} (the query used ${JSON.stringify(filter.value)}${hint}): ${listed}`,
    );
  }
  for (const { table, column } of columns) {
    if (!column.time || seen.has(column.name) || !sql.includes(column.name)) continue;
    seen.add(column.name);
    lines.push(`${quoteName(table)}.${quoteName(column.name)} ranges from ${column.time.min} to ${column.time.max}`);
  }
  if (lines.length === 0) return null;
  const text = lines.join("\n");
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
}

function valuesOf(column: ColumnProfile): string[] {
  const values = column.values ?? column.top?.map((t) => t.value) ?? [];
  return values.filter((v): v is string => typeof v === "string");
}

/** Same letters in another case, one contains the other, or at most two edits apart. */
function close(a: string, b: string): boolean {
  const x = a.toLowerCase().trim();
  const y = b.toLowerCase().replace(/%/g, "").trim();
  if (y === "") return false;
  if (x === y || x.includes(y) || y.includes(x)) return true;
  return Math.abs(x.length - y.length) <= 2 && editDistance(x, y) <= 2;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = saved;
    }
  }
  return row[b.length];
}
