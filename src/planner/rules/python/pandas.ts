// Pandas fragments for generated Python: literals, row filters and time-grain keys, written as plain readable lines.
import type { ColumnProfile, DataDna } from "../../../data/index.js";
import type { Filter, GroupKey } from "../intent.js";

/** A Python literal for a JSON-like value: strings quoted, True/False/None spelled the Python way. */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(", ")}]`;
  return JSON.stringify(String(value));
}

const isTemporal = (column: ColumnProfile | undefined) => /^(DATE|TIMESTAMP)/.test(column?.type ?? "");
const columnOf = (dna: DataDna, name: string) => dna.columns.find((c) => c.name === name);

/** `df["col"]` — or its year when the column is a date and the filter is on years. */
function seriesOf(dna: DataDna, name: string, year = false): string {
  const base = `df[${pyLiteral(name)}]`;
  return year && isTemporal(columnOf(dna, name)) ? `pd.to_datetime(${base}).dt.year` : base;
}

function conditionOf(dna: DataDna, filter: Filter): string {
  switch (filter.kind) {
    case "equals":
      return `(${seriesOf(dna, filter.column)} == ${pyLiteral(filter.value)})`;
    case "in":
      return `${seriesOf(dna, filter.column)}.isin(${pyLiteral(filter.values)})`;
    case "compare":
      return `(${seriesOf(dna, filter.column)} ${filter.op === "=" ? "==" : filter.op} ${pyLiteral(filter.value)})`;
    case "year":
      return `(${seriesOf(dna, filter.column, true)} ${filter.op === "=" ? "==" : filter.op} ${filter.year})`;
    case "month":
      return `(pd.to_datetime(${seriesOf(dna, filter.column)}).dt.month == ${filter.month})`;
  }
}

/** Lines that keep only the rows the question is about; none when there is no filter. */
export function filterLines(dna: DataDna, filters: Filter[]): string[] {
  if (filters.length === 0) return [];
  const conditions = filters.map((f) => conditionOf(dna, f));
  const single = conditions[0]!.replace(/^\((.*)\)$/, "$1");
  const mask = conditions.length === 1 ? single : `\n    ${conditions.join("\n    & ")}\n`;
  return ["# Keep only the rows the question is about.", `df = df[${mask}]`];
}

const GRAIN_ACCESSOR: Record<string, string> = {
  year: "dt.year",
  quarter: 'dt.to_period("Q").astype(str)',
  month: 'dt.to_period("M").astype(str)',
  week: 'dt.to_period("W").astype(str)',
  day: "dt.date.astype(str)",
  weekday: "dt.day_name()",
  hour: "dt.hour",
  month_of_year: "dt.month_name()",
};

/**
 * The column Python groups by. A plain column is used as it is; a time grain of a date column becomes a new
 * column named after the grain, with the line that computes it.
 */
export function groupColumn(dna: DataDna, key: GroupKey): { name: string; lines: string[] } {
  if (!key.grain || !isTemporal(columnOf(dna, key.column))) return { name: key.column, lines: [] };
  const name = key.grain === "month_of_year" ? "month" : key.grain;
  const accessor = GRAIN_ACCESSOR[key.grain] ?? "dt.date.astype(str)";
  return {
    name,
    lines: [`df[${pyLiteral(name)}] = pd.to_datetime(df[${pyLiteral(key.column)}]).${accessor}`],
  };
}
