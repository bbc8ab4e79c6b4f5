// The interface every answer kind's chart implements, and what they share: reading evidence tables, labels.
import { type ChartRecord, type ColumnInfo, prepareTable } from "../columns.js";
import { formatTime, formatTimeRange } from "../compose/format.js";
import type { ChartRequest, Presentation, RequestedChart } from "../request/chart-request.js";
import { findColumn } from "../roles.js";
import type { ResultTable, VegaLiteSpec } from "../types.js";
import type { TimeGrain } from "../values.js";

/** A drawn chart, or why the evidence could not be drawn (a column missing, too few rows). */
export type Drawing = { spec: VegaLiteSpec } | { unusable: string };

export interface ChartKind<R extends ChartRequest> {
  kind: R["kind"];
  /** What the chart shows, for the note when a requested type cannot show it: "how two measures move together". */
  shows: string;
  /** The default picture in words: "a scatter with a fitted line". */
  drawnAs: string;
  /**
   * "evidence": drawn from evidence tables, so without them there is no picture (a summary makes none);
   * "answer": drawn from the answer's rows, which the shape-based chart can still draw.
   */
  source: "evidence" | "answer" | "none";
  /** Types this request can be drawn as, the default first; empty when there is no image. */
  types(request: R): readonly RequestedChart[];
  draw(request: R, type: RequestedChart): Drawing;
}

/** An evidence table read into records, with the columns that play each named part. */
export interface Read<Role extends string> {
  records: ChartRecord[];
  columns: Record<Role, ColumnInfo>;
}

/**
 * Reads `table` and finds the column named for each role (optional roles may be undefined); a message naming
 * the first missing column otherwise.
 */
export function readEvidence<Role extends string>(
  what: string,
  table: ResultTable,
  roles: Record<Role, string | undefined>,
): Read<Role> | string {
  const prepared = prepareTable(table);
  const columns = {} as Record<Role, ColumnInfo>;
  for (const [role, name] of Object.entries(roles) as [Role, string | undefined][]) {
    if (name === undefined) continue;
    const column = findColumn(prepared.columns, name);
    if (!column) return `${what} have no column ${name}`;
    columns[role] = column;
  }
  return { records: prepared.records, columns };
}

/** The column's readable name: the presentation's label for it, else its humanized name. */
export function labelOf(presentation: Presentation, column: ColumnInfo): string {
  return presentation.labels?.[column.name] ?? column.title;
}

/** The column's unit from the presentation, if known. */
export function unitOf(presentation: Presentation, column: ColumnInfo): string | undefined {
  return presentation.units?.[column.name];
}

/** A key's value as text: times at their column's grain ("2014", "Mar 2014"), the rest as written. */
export function keyText(value: unknown, column: ColumnInfo): string {
  if (value === null || value === undefined) return "(none)";
  if (column.kind === "temporal" && typeof value === "number") return formatTime(value, column.grain ?? "day");
  return String(value);
}

/** Numbers of one field, in record order, skipping non-numbers. */
export function numbers(records: readonly ChartRecord[], field: string): number[] {
  const values: number[] = [];
  for (const record of records) {
    const value = record[field];
    if (typeof value === "number" && Number.isFinite(value)) values.push(value);
  }
  return values;
}

/** The subtitle's context: the filter and the data's time range ("origin = Japan · 2012–2015"). */
export function contextLine(presentation: Presentation, times?: readonly number[], grain?: TimeGrain): string {
  const range = presentation.timeRange ?? (times && grain ? formatTimeRange(times, grain) : undefined);
  return [presentation.filter, range].filter((part): part is string => Boolean(part?.trim())).join(" · ");
}
