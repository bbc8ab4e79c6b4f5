// Reads a ResultTable into typed records: each column's kind (measure, time, category) and safe field name.
import { humanizeColumn } from "./humanize.js";
import type { ResultTable } from "./types.js";
import { parseTemporal, type TimeGrain, timeGrain, toNumber, toTemporal } from "./values.js";

export type ColumnKind = "quantitative" | "temporal" | "nominal" | "ordinal";

export interface ColumnInfo {
  /** Name in the result table. */
  name: string;
  /** Field name used in the spec: the name itself when it is a plain identifier. */
  field: string;
  title: string;
  kind: ColumnKind;
  distinct: number;
  /** Finest calendar unit the values use, for time columns. */
  grain?: TimeGrain;
  /** Natural order of an ordinal text column (weekday or month names). */
  order?: string[];
}

export type ChartRecord = Record<string, string | number | null>;

export interface PreparedTable {
  columns: ColumnInfo[];
  records: ChartRecord[];
}

const NUMERIC_TYPE = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?\d*|FLOAT\d*|REAL|DOUBLE|DECIMAL.*|NUMERIC.*)$/i;
const TEMPORAL_TYPE = /^(DATE|DATETIME|TIMESTAMP.*)$/i;
const YEAR_NAME = /(^|_)(year|yr)$/i;
const CALENDAR_PART_NAME = /(^|_)(month|quarter|weekday|dow|day_of_week|hour|week|day|month_num)$/i;
const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
].concat(["november", "december"]);

function safeFields(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let base = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
      ? name
      : name.replace(/[^A-Za-z0-9_]+/g, "_").replace(/^_+|_+$/g, "");
    if (!/^[A-Za-z_]/.test(base)) base = `f_${base}`;
    let field = base;
    for (let n = 2; used.has(field); n++) field = `${base}_${n}`;
    used.add(field);
    return field;
  });
}

function inferKind(values: unknown[], type: string | undefined): ColumnKind {
  if (type && NUMERIC_TYPE.test(type.trim())) return "quantitative";
  if (type && TEMPORAL_TYPE.test(type.trim())) return "temporal";
  if (type) return "nominal";
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return "nominal";
  if (present.every((value) => toNumber(value) !== null && typeof value !== "boolean")) return "quantitative";
  if (present.every((value) => parseTemporal(value) !== null)) return "temporal";
  return "nominal";
}

function naturalOrder(values: string[]): string[] | undefined {
  for (const names of [WEEKDAYS, MONTHS]) {
    const index = (value: string) => names.findIndex((name) => name.startsWith(value.toLowerCase().slice(0, 3)));
    if (values.length > 0 && values.every((value) => value.length >= 3 && index(value) >= 0)) {
      return [...new Set(values)].sort((a, b) => index(a) - index(b));
    }
  }
  return undefined;
}

function refineKind(info: ColumnInfo, numbers: (number | null)[]): void {
  const present = numbers.filter((value): value is number => value !== null);
  const integers = present.length > 0 && present.every((value) => Number.isInteger(value));
  if (integers && YEAR_NAME.test(info.name) && present.every((value) => value >= 1000 && value <= 2999)) {
    info.kind = "temporal";
  } else if (integers && CALENDAR_PART_NAME.test(info.name) && present.every((value) => value >= 0 && value <= 53)) {
    info.kind = "ordinal";
  }
}

/** Types every column and converts rows to records keyed by safe field names. */
export function prepareTable(table: ResultTable): PreparedTable {
  const fields = safeFields(table.columns);
  const columns: ColumnInfo[] = table.columns.map((name, index) => {
    const raw = table.rows.map((row) => row[index]);
    const info: ColumnInfo = {
      name,
      field: fields[index]!,
      title: humanizeColumn(name),
      kind: inferKind(raw, table.types?.[index]),
      distinct: 0,
    };
    if (info.kind === "quantitative") refineKind(info, raw.map(toNumber));
    return info;
  });
  const records = table.rows.map((row) => {
    const record: ChartRecord = {};
    columns.forEach((column, index) => {
      const value = row[index];
      if (column.kind === "quantitative" || column.kind === "ordinal") record[column.field] = toNumber(value);
      else if (column.kind === "temporal") record[column.field] = toTemporal(value);
      else record[column.field] = value === null || value === undefined ? null : String(value);
    });
    return record;
  });
  for (const column of columns) {
    const values = records.map((record) => record[column.field]).filter((value) => value !== null);
    column.distinct = new Set(values).size;
    if (column.kind === "temporal") column.grain = timeGrain(values as number[]);
    if (column.kind === "nominal") {
      const order = naturalOrder(values as string[]);
      if (order) {
        column.kind = "ordinal";
        column.order = order;
      }
    }
  }
  return { columns, records };
}
