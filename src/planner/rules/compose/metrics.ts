// Pieces every rule answer shares: a worker reply read as a table, and key figures from a result's first row.
import type { ResultTable } from "../../../charts/index.js";
import { aliasOf } from "../read/text.js";
import { metricValue, toNumber } from "./format.js";

/** A worker reply of a DataFrame ({columns, rows}) as a table; anything else is not one. */
export function asTable(value: unknown): ResultTable | null {
  if (!value || typeof value !== "object") return null;
  const v = value as { columns?: unknown; rows?: unknown };
  if (!Array.isArray(v.columns) || !Array.isArray(v.rows)) return null;
  return { columns: v.columns.map(String), rows: v.rows.filter(Array.isArray) as unknown[][] };
}

/** The first row's values by column: the single answer, the top-ranked group, or the most extreme anomaly. */
export function firstRowMetrics(table: ResultTable): Record<string, number | string> {
  const metrics: Record<string, number | string> = {};
  const row = table.rows[0];
  if (!row) return metrics;
  table.columns.forEach((column, i) => {
    const value = row[i];
    if (value === null || value === undefined) return;
    metrics[column] = metricValue(value);
  });
  return metrics;
}

/** statistic/value tables: each numeric statistic of the (first) column by its name ("mean", "outliers"…). */
export function statisticMetrics(table: ResultTable): Record<string, number | string> {
  const metrics: Record<string, number | string> = {};
  for (const row of table.rows) {
    const value = toNumber(row[1]);
    if (value !== null) metrics[aliasOf(String(row[0]))] = metricValue(value);
  }
  return metrics;
}
