// DuckDB SQL fragments: quoted identifiers, escaped literals, filters, time-grain keys and aggregate expressions.
import type { ColumnProfile, DataDna } from "../../data/index.js";
import { aliasOf } from "./text.js";
import type { Agg, Filter, GroupKey } from "./types.js";

/** A double-quoted identifier; embedded quotes doubled, so any column name is safe. */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A SQL literal: strings single-quoted with quotes doubled, numbers as finite decimals. */
export function literal(value: string | number | boolean): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return `'${value.replace(/'/g, "''")}'`;
}

export const columnOf = (dna: DataDna, name: string): ColumnProfile | undefined =>
  dna.columns.find((c) => c.name === name);

const isTemporal = (type: string) => /^(DATE|TIMESTAMP)/.test(type);

/** A column as a value: JSON columns are read as text. */
export function valueExpr(dna: DataDna, name: string): string {
  const column = columnOf(dna, name);
  return column?.type === "JSON" ? `(${ident(name)} ->> '$')` : ident(name);
}

export function filterSql(dna: DataDna, filter: Filter): string {
  const c = valueExpr(dna, filter.column);
  switch (filter.kind) {
    case "equals":
      return `${c} = ${literal(filter.value)}`;
    case "in":
      return `${c} IN (${filter.values.map(literal).join(", ")})`;
    case "compare":
      return `${c} ${filter.op} ${literal(filter.value)}`;
    case "year": {
      const temporal = isTemporal(columnOf(dna, filter.column)?.type ?? "");
      return `${temporal ? `year(${c})` : c} ${filter.op} ${literal(filter.year)}`;
    }
  }
}

export function whereSql(conditions: string[]): string {
  return conditions.length > 0 ? ` WHERE ${conditions.join(" AND ")}` : "";
}

export interface KeySql {
  /** Expression selected and grouped on. */
  expr: string;
  alias: string;
  /** Extra expression to group and order by (weekday number for day names). */
  orderExpr: string | null;
  temporal: boolean;
}

/**
 * The SELECT expression for a group key: a column, or a time grain of a date column. With `series`
 * (forecasts, anomalies) every grain is a truncation, so hours stay in time order.
 */
export function keySql(dna: DataDna, key: GroupKey, series = false): KeySql {
  const c = ident(key.column);
  const column = columnOf(dna, key.column);
  const temporal = key.grain !== undefined || column?.role === "time";
  if (!key.grain || !column || !isTemporal(column.type)) {
    return { expr: valueExpr(dna, key.column), alias: key.column, orderExpr: null, temporal };
  }
  if (series && key.grain === "hour")
    return { expr: `date_trunc('hour', ${c})`, alias: "hour", orderExpr: null, temporal };
  switch (key.grain) {
    case "year":
      return { expr: `year(${c})`, alias: "year", orderExpr: null, temporal };
    case "hour":
      return { expr: `hour(${c})`, alias: "hour", orderExpr: null, temporal };
    case "weekday":
      return { expr: `dayname(${c})`, alias: "weekday", orderExpr: `isodow(${c})`, temporal };
    case "month_of_year":
      return { expr: `monthname(${c})`, alias: "month", orderExpr: `month(${c})`, temporal };
    case "day":
      return { expr: `CAST(${c} AS DATE)`, alias: "day", orderExpr: null, temporal };
    default:
      return { expr: `CAST(date_trunc('${key.grain}', ${c}) AS DATE)`, alias: key.grain, orderExpr: null, temporal };
  }
}

const AGG_PREFIX: Record<Agg, string> = {
  avg: "avg",
  sum: "total",
  count: "n",
  min: "min",
  max: "max",
  median: "median",
};

/** An aggregate over a measure (or count(*) when there is none) and its readable alias. */
export function aggSql(
  dna: DataDna,
  agg: Agg,
  measure: string | null,
  entity: string,
): { expr: string; alias: string } {
  if (agg === "count" || measure === null) return { expr: "count(*)", alias: aliasOf("n", entity) };
  const fn = agg === "avg" ? "avg" : agg === "median" ? "median" : agg;
  return { expr: `${fn}(${valueExpr(dna, measure)})`, alias: aliasOf(AGG_PREFIX[agg], measure) };
}

/** Describes a filter in words, for titles and answers: "weather = sun", "Cylinders = 8", "year 2008". */
export function filterWords(filter: Filter): string {
  switch (filter.kind) {
    case "equals":
      return `${filter.column} = ${String(filter.value)}`;
    case "in":
      return `${filter.column} in ${filter.values.join(", ")}`;
    case "compare":
      return `${filter.column} ${filter.op} ${filter.value}`;
    case "year":
      return filter.op === "=" ? `in ${filter.year}` : `${filter.column} ${filter.op} ${filter.year}`;
  }
}
