// Reads a time series evidence table into sorted (time, value) points, with its time column's grain.
import type { ColumnInfo } from "../columns.js";
import type { Read } from "../kinds/kind.js";
import type { TimeGrain } from "../values.js";

/** A type alias (not an interface) so points are chart records as they are. */
export type Point = { t: number; v: number };

/** Points with a time and a number, oldest first. */
export function pointsOf(read: Read<"time" | "value">): Point[] {
  const { time, value } = read.columns;
  const points: Point[] = [];
  for (const record of read.records) {
    const t = record[time.field];
    const v = record[value.field];
    if (typeof t === "number" && typeof v === "number") points.push({ t, v });
  }
  return points.sort((a, b) => a.t - b.t);
}

/** The coarser of two columns' grains (a forecast's dates may carry no more detail than its history). */
export function grainOf(...columns: ColumnInfo[]): TimeGrain {
  const order: TimeGrain[] = ["second", "minute", "hour", "day", "month", "year"];
  const grains = columns.map((column) => column.grain ?? "day");
  return grains.reduce((finest, grain) => (order.indexOf(grain) < order.indexOf(finest) ? grain : finest));
}
