// Decides which columns play which part (x, y, colour) and which chart a result's shape calls for.
import type { ColumnInfo } from "./columns.js";
import type { ChartOptions, ChartType } from "./types.js";

export interface Roles {
  x?: ColumnInfo;
  y?: ColumnInfo;
  color?: ColumnInfo;
  measures: ColumnInfo[];
  times: ColumnInfo[];
  /** Nominal and ordinal columns. */
  categories: ColumnInfo[];
  rowCount: number;
}

/** Most stacks a default bar chart colours by a second category; more and a heatmap reads better. */
const MAX_STACK_VALUES = 8;

/** Finds a column by exact name, then ignoring case. */
export function findColumn(columns: ColumnInfo[], name: string): ColumnInfo | undefined {
  return (
    columns.find((column) => column.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase())
  );
}

/** Roles from the caller's x/y/color names (null when one names no column) and the columns by kind. */
export function resolveRoles(columns: ColumnInfo[], options: ChartOptions, rowCount: number): Roles | null {
  const roles: Roles = { measures: [], times: [], categories: [], rowCount };
  for (const key of ["x", "y", "color"] as const) {
    const name = options[key];
    if (name === undefined) continue;
    const column = findColumn(columns, name);
    if (!column) return null;
    roles[key] = column;
  }
  const named = [roles.x, roles.y, roles.color].filter((c): c is ColumnInfo => c !== undefined);
  const pool = named.length > 0 && !options.type ? named : columns;
  roles.measures = pool.filter((column) => column.kind === "quantitative");
  roles.times = pool.filter((column) => column.kind === "temporal");
  roles.categories = pool.filter((column) => column.kind === "nominal" || column.kind === "ordinal");
  return roles;
}

export interface DefaultChoice {
  type: ChartType | "metrics";
  color?: ColumnInfo;
}

/** The chart a result's shape calls for, or null when it has nothing to plot (one scalar, one row). */
export function chooseDefault(roles: Roles): DefaultChoice | null {
  const { measures, times, categories, rowCount } = roles;
  if (rowCount === 0) return null;
  if (rowCount === 1)
    return measures.length >= 2 && categories.length + times.length === 0 ? { type: "metrics" } : null;
  if (roles.x?.kind === "quantitative" && roles.y?.kind === "quantitative") return { type: "scatter" };
  if (times.length > 0 && measures.length > 0) {
    const series = roles.color ?? categories.find((column) => column.kind === "nominal");
    return series ? { type: "line", color: series } : { type: "line" };
  }
  const rowLevel = categories.every((column) => column.distinct < rowCount);
  if (measures.length >= 2 && rowLevel) return { type: "scatter" };
  if (categories.length > 0 && measures.length > 0) {
    const second = roles.color ?? categories[1];
    if (!second) return { type: "bar" };
    return second.distinct <= MAX_STACK_VALUES ? { type: "bar", color: second } : { type: "heatmap" };
  }
  if (measures.length >= 2) return { type: "scatter" };
  if (measures.length === 1) return rowCount >= 5 ? { type: "histogram" } : null;
  const first = categories[0];
  if (first && first.distinct < rowCount) return { type: "bar" };
  return null;
}
