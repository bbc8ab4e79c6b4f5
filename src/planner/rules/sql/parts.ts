// SQL fragments of rule plans, through the data/sql builder: column values, filters, time-grain keys, aggregates.
import {
  aggregate,
  compare,
  type DataDna,
  datePart,
  dateTrunc,
  ident,
  inList,
  type Sql,
  sql,
} from "../../../data/index.js";
import type { Agg, Filter, GroupKey } from "../intent.js";
import { aliasOf } from "../read/text.js";

export const columnOf = (dna: DataDna, name: string) => dna.columns.find((c) => c.name === name);

export const isTemporal = (type: string) => /^(DATE|TIMESTAMP)/.test(type);

/** A column as a value: JSON columns are read as text. */
export function valueExpr(dna: DataDna, name: string): Sql {
  return columnOf(dna, name)?.type === "JSON" ? sql`(${ident(name)} ->> '$')` : ident(name);
}

export function notNull(expr: Sql): Sql {
  return sql`${expr} IS NOT NULL`;
}

export function filterSql(dna: DataDna, filter: Filter): Sql {
  const c = valueExpr(dna, filter.column);
  const temporal = isTemporal(columnOf(dna, filter.column)?.type ?? "");
  switch (filter.kind) {
    case "equals":
      return compare(c, "=", filter.value);
    case "in":
      return inList(c, filter.values);
    case "compare":
      return compare(c, filter.op, filter.value);
    case "year":
      return compare(temporal ? datePart("year", c) : c, filter.op, filter.year);
    case "month":
      return compare(datePart("month", c), "=", filter.month);
  }
}

export interface KeySql {
  /** Expression selected and grouped on. */
  expr: Sql;
  alias: string;
  /** Extra expression to group and order by (weekday number for day names). */
  orderExpr: Sql | null;
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
  if (series && key.grain === "hour") return { expr: dateTrunc("hour", c), alias: "hour", orderExpr: null, temporal };
  switch (key.grain) {
    case "year":
      return { expr: datePart("year", c), alias: "year", orderExpr: null, temporal };
    case "hour":
      return { expr: datePart("hour", c), alias: "hour", orderExpr: null, temporal };
    case "weekday":
      return { expr: datePart("dayname", c), alias: "weekday", orderExpr: datePart("isodow", c), temporal };
    case "month_of_year":
      return { expr: datePart("monthname", c), alias: "month", orderExpr: datePart("month", c), temporal };
    case "day":
      return { expr: sql`CAST(${c} AS DATE)`, alias: "day", orderExpr: null, temporal };
    default:
      return { expr: sql`CAST(${dateTrunc(key.grain, c)} AS DATE)`, alias: key.grain, orderExpr: null, temporal };
  }
}

/** The key's expressions to group by: the key, and its order expression when it has one. */
export function groupList(key: KeySql): Sql[] {
  return key.orderExpr ? [key.expr, key.orderExpr] : [key.expr];
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
export function aggSql(dna: DataDna, agg: Agg, measure: string | null, entity: string): { expr: Sql; alias: string } {
  if (agg === "count" || measure === null) return { expr: aggregate("count"), alias: aliasOf("n", entity) };
  return { expr: aggregate(agg, valueExpr(dna, measure)), alias: aliasOf(AGG_PREFIX[agg], measure) };
}

/** The alias of the matched-rows columns of a count or share: "sun", "cylinders_over_6". */
export function targetAlias(target: Filter): string {
  switch (target.kind) {
    case "equals":
      return aliasOf(String(target.value));
    case "in":
      return aliasOf(target.values.map(String).join("_or_"));
    case "compare":
      return aliasOf(
        target.column,
        { ">": "over", ">=": "min", "<": "under", "<=": "max", "=": "" }[target.op],
        String(target.value),
      );
    case "year":
      return aliasOf(target.column, String(target.year));
    case "month":
      return aliasOf(target.column, "month", String(target.month));
  }
}
