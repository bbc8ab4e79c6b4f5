// What every chart builder receives, and small helpers they share.
import type { ChartRecord, ColumnInfo } from "../columns.js";

export interface BuildInput {
  columns: ColumnInfo[];
  records: ChartRecord[];
  /** Title asked for by the caller; builders generate one when absent. */
  title?: string;
}

/** A field name not used by any column. */
export function freeField(columns: ColumnInfo[], base: string): string {
  const used = new Set(columns.map((column) => column.field));
  let field = base;
  for (let n = 2; used.has(field); n++) field = `${base}_${n}`;
  return field;
}

/** The synthetic "Count" measure used when a chart counts rows. */
export function countColumn(columns: ColumnInfo[]): ColumnInfo {
  return { name: "count", field: freeField(columns, "count"), title: "Count", kind: "quantitative", distinct: 0 };
}

/** Records where every named field has a value. */
export function withoutNulls(records: ChartRecord[], fields: string[]): ChartRecord[] {
  return records.filter((record) => fields.every((field) => record[field] !== null && record[field] !== undefined));
}
