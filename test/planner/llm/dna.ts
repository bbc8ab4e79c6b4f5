// Synthetic Data DNA for prompt tests: columns of each role, with the names and values a test needs.
import type { ColumnProfile, DataDna } from "../../../src/data/index.js";

export function column(name: string, extra: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name,
    type: "DOUBLE",
    role: "measure",
    nullShare: 0,
    distinct: 100,
    distinctApprox: false,
    numeric: { min: 0, max: 100, mean: 50, std: 10, p25: 25, p50: 50, p75: 75, integer: false },
    ...extra,
  };
}

export function textColumn(name: string, values: string[], extra: Partial<ColumnProfile> = {}): ColumnProfile {
  const { numeric: _none, ...base } = column(name);
  return {
    ...base,
    type: "VARCHAR",
    role: "dimension",
    distinct: values.length,
    values,
    top: values.slice(0, 10).map((value) => ({ value, count: 1, share: 1 / values.length })),
    topComplete: values.length <= 10,
    ...extra,
  };
}

export function dateColumn(name: string, min: string, max: string): ColumnProfile {
  const { numeric: _none, ...base } = column(name);
  return { ...base, type: "DATE", role: "time", time: { min, max, grain: "day" } };
}

export function table(name: string, columns: ColumnProfile[], extra: Partial<DataDna> = {}): DataDna {
  return {
    table: name,
    sourceFile: `${name}.csv`,
    version: 1,
    rowCount: 1000,
    columnCount: columns.length,
    columns,
    baselines: { rates: [], means: [] },
    timeColumn: columns.find((c) => c.role === "time")?.name ?? null,
    relationships: [],
    sample: [Object.fromEntries(columns.slice(0, 3).map((c) => [c.name, c.values?.[0] ?? 1]))],
    profiledAt: "2026-01-01T00:00:00Z",
    ...extra,
  };
}
