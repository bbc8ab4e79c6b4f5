// Reduces rows before they go into a spec: group totals, top N, even sampling, histogram bins, folding.
import type { ChartRecord, ColumnInfo } from "./columns.js";
import { midSentence } from "./humanize.js";

export type AggregateOp = "sum" | "mean" | "count";

const ADDITIVE_NAME = /(count|total|sum|^n_|_n$|^n$|num|amount|revenue|sales|qty|quantity|volume|population|cost)/i;

/** Sum for names that read as totals, the mean otherwise: what a person expects when rows repeat a category. */
export function defaultOp(measure: ColumnInfo): AggregateOp {
  return ADDITIVE_NAME.test(measure.name) ? "sum" : "mean";
}

export function opTitle(op: AggregateOp, title: string): string {
  const lower = midSentence(title);
  if (op === "count") return "Count";
  return op === "sum" ? `Total ${lower}` : `Average ${lower}`;
}

/** True when some key combination occurs in more than one record. */
export function hasDuplicateKeys(records: ChartRecord[], keys: string[]): boolean {
  const seen = new Set<string>();
  for (const record of records) {
    const key = JSON.stringify(keys.map((field) => record[field]));
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** One record per key combination with the measure combined by `op` (`count` ignores the measure). */
export function groupAggregate(
  records: ChartRecord[],
  keys: string[],
  measure: string,
  op: AggregateOp,
): ChartRecord[] {
  const groups = new Map<string, { record: ChartRecord; sum: number; n: number; rows: number }>();
  for (const record of records) {
    const key = JSON.stringify(keys.map((field) => record[field]));
    let group = groups.get(key);
    if (!group) {
      group = {
        record: Object.fromEntries(keys.map((field) => [field, record[field] ?? null])),
        sum: 0,
        n: 0,
        rows: 0,
      };
      groups.set(key, group);
    }
    group.rows += 1;
    const value = record[measure];
    if (typeof value === "number") {
      group.sum += value;
      group.n += 1;
    }
  }
  return [...groups.values()].map(({ record, sum, n, rows }) => ({
    ...record,
    [measure]: op === "count" ? rows : n === 0 ? null : op === "sum" ? sum : sum / n,
  }));
}

/** Total of `measure` per value of `key`, largest first. */
export function rankKeys(records: ChartRecord[], key: string, measure: string): (string | number | null)[] {
  const totals = new Map<string | number | null, number>();
  for (const record of records) {
    const value = record[measure];
    totals.set(record[key] ?? null, (totals.get(record[key] ?? null) ?? 0) + (typeof value === "number" ? value : 0));
  }
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
}

/** Keeps records whose `key` is among the `limit` largest by total `measure`. */
export function keepTopKeys(records: ChartRecord[], key: string, measure: string, limit: number) {
  const ranked = rankKeys(records, key, measure);
  if (ranked.length <= limit) return { records, total: ranked.length, kept: ranked.length };
  const keep = new Set(ranked.slice(0, limit));
  return { records: records.filter((record) => keep.has(record[key] ?? null)), total: ranked.length, kept: limit };
}

/** Every k-th record so that at most `limit` remain, keeping the first and last. */
export function sampleEvenly<T>(records: T[], limit: number): T[] {
  if (records.length <= limit) return records;
  const step = (records.length - 1) / (limit - 1);
  return Array.from({ length: limit }, (_, index) => records[Math.round(index * step)]!);
}

export interface Bin {
  start: number;
  end: number;
  count: number;
}

/** Counts values into at most `maxBins` bins whose edges are round numbers (1, 2 or 5 times a power of ten). */
export function binValues(values: number[], maxBins = 30): Bin[] {
  if (values.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = max - min || Math.abs(max) || 1;
  const raw = span / maxBins;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => span / candidate <= maxBins)!;
  const first = Math.floor(min / step) * step;
  const count = Math.max(1, Math.floor((max - first) / step) + 1);
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({
    start: first + i * step,
    end: first + (i + 1) * step,
    count: 0,
  }));
  for (const value of values) bins[Math.min(count - 1, Math.floor((value - first) / step))]!.count += 1;
  return bins;
}

/** Wide to long: one record per (row, measure) with the measure's title under `keyField`. */
export function foldMeasures(
  records: ChartRecord[],
  keep: string[],
  measures: ColumnInfo[],
  keyField: string,
  valueField: string,
): ChartRecord[] {
  return records.flatMap((record) =>
    measures.map((measure) => ({
      ...Object.fromEntries(keep.map((field) => [field, record[field] ?? null])),
      [keyField]: measure.title,
      [valueField]: record[measure.field] ?? null,
    })),
  );
}
