// Helpers the question kinds share: aggregation choice, time keys, facts, filters a follow-up replaces, reasoning.
import type { DataDna } from "../../../data/index.js";
import type { Agg, BaseIntent, Direction, Filter, GroupKey, IntentFacts } from "../intent.js";
import { columnsOfFilters, unique } from "../intent.js";
import type { Reading } from "../read/reading.js";
import { ADDITIVE_MEASURE } from "../read/vocabulary.js";

const SUPERLATIVE = /est$|^(most|least|fewest|max|maximum|min|minimum|peak)$/;

/** The aggregation of a measure: the word said, else what a superlative or the measure's name implies. */
export function chooseAgg(s: Reading, measure: string | null, ranked: boolean): Agg {
  if (!measure) return "count";
  if (s.countedMeasure) return s.agg && s.agg !== "count" ? s.agg : "sum";
  if (s.agg && s.agg !== "count") return s.agg;
  const word = s.direction?.word ?? "";
  if (/^(most|least|fewest)$/.test(word)) return "sum";
  if (!ranked && SUPERLATIVE.test(word)) return s.direction!.direction === "desc" ? "max" : "min";
  return ADDITIVE_MEASURE.test(measure) ? "sum" : "avg";
}

export const directionOf = (s: Reading): Direction => s.direction?.direction ?? "desc";

export const isTimeKey = (dna: DataDna, key: GroupKey | null | undefined): key is GroupKey =>
  key !== null &&
  key !== undefined &&
  (key.grain !== undefined || dna.columns.find((c) => c.name === key.column)?.role === "time");

/** Facts with nothing used; kinds fill in what their intent uses. */
export function facts(
  intent: BaseIntent,
  dna: DataDna,
  parts: Partial<IntentFacts> & { keys?: Array<GroupKey | null> },
) {
  const keys = (parts.keys ?? []).filter((k): k is GroupKey => k !== null);
  const { keys: _keys, ...rest } = parts;
  const result: IntentFacts = {
    agg: null,
    order: null,
    limit: null,
    horizon: null,
    counts: false,
    ...rest,
    columns: unique([...(parts.columns ?? []), ...keys.map((k) => k.column), ...columnsOfFilters(intent.filters)]),
    time:
      parts.time ??
      (keys.some((k) => isTimeKey(dna, k)) || intent.filters.some((f) => f.kind === "year" || f.kind === "month")),
  };
  return result;
}

/**
 * Splits off the condition a count or share is about: the last value or comparison filter that is not
 * a setting ("how many days had snow in Seattle" counts snow days within Seattle).
 */
export function splitTarget(filters: Filter[], context: Set<Filter>): { target: Filter | null; rest: Filter[] } {
  const named = filters.findLastIndex((f) => f.kind !== "year" && f.kind !== "month" && !context.has(f));
  const index = named >= 0 ? named : filters.findLastIndex((f) => f.kind !== "year" && f.kind !== "month");
  if (index < 0) return { target: null, rest: filters };
  return { target: filters[index]!, rest: filters.filter((_, i) => i !== index) };
}

/** The intent's filters with `filter` in place of any on the same column (and of the same sort, for dates). */
export function withFilter(filters: readonly Filter[], filter: Filter): Filter[] {
  const replaced = (f: Filter) =>
    f.column === filter.column &&
    (f.kind === "year") === (filter.kind === "year") &&
    (f.kind === "month") === (filter.kind === "month");
  return [...filters.filter((f) => !replaced(f)), filter];
}

/** The base of every intent read from a question. */
export function scope(s: Reading): Pick<BaseIntent, "table" | "filters" | "entity"> {
  return { table: s.dna.table, filters: s.filters, entity: s.entity };
}

/** "Rule planner read a trend question over price (avg) grouped by date (year) with 1 filter(s)." */
export function reasoningOf(
  kind: string,
  parts: { measure?: string | null; agg?: Agg; groupBy?: GroupKey | null; filters: Filter[]; extra?: string },
): string {
  const out = [`Rule planner read a ${kind} question`];
  if (parts.measure) out.push(`over ${parts.measure}${parts.agg ? ` (${parts.agg})` : ""}`);
  if (parts.groupBy)
    out.push(`grouped by ${parts.groupBy.column}${parts.groupBy.grain ? ` (${parts.groupBy.grain})` : ""}`);
  if (parts.filters.length > 0) out.push(`with ${parts.filters.length} filter(s)`);
  if (parts.extra) out.push(parts.extra);
  return `${out.join(" ")}.`;
}
