// Decides the analysis from what was read: forecast, anomalies, correlation, shares, counts, rankings, aggregates.
import type { DataDna } from "../../data/index.js";
import { autoTimeKey, timeKey } from "./groups.js";
import type { Agg, Filter, Grain, GroupKey, Intent, IntentKind } from "./types.js";
import { ADDITIVE_MEASURE } from "./vocabulary.js";

export interface ParseState {
  dna: DataDna;
  tokens: string[];
  /** Question words not used by a mention, filter or number ("" where used). */
  free: string[];
  kindWord: IntentKind | null;
  measures: string[];
  /** Other column mentions (dimensions, statuses) not used as a group or filter. */
  dims: string[];
  /** "how many people": the first measure is counted by adding it up. */
  countedMeasure: boolean;
  group: GroupKey | null;
  /** A second grouping ("by symbol and year"). */
  splitBy: GroupKey | null;
  rankBy: string | null;
  filters: Filter[];
  /** Filters that set the scene ("in Seattle") rather than name what is counted. */
  context: Set<Filter>;
  top: number | null;
  /** The question asks "which …" (or "what <thing> …"): a label answer. */
  which: boolean;
  agg: Agg | null;
  direction: { direction: "desc" | "asc"; word: string } | null;
  entity: string;
  horizon: number | null;
  grain: Grain | null;
}

const SUPERLATIVE = /est$|^(most|least|fewest|max|maximum|min|minimum|peak)$/;
const HORIZON: Partial<Record<Grain, number>> = { hour: 24, day: 7, week: 8, month: 12, quarter: 4, year: 3 };

const isTimeKey = (dna: DataDna, key: GroupKey | null) =>
  key !== null && (key.grain !== undefined || dna.columns.find((c) => c.name === key.column)?.role === "time");

/**
 * Splits off the condition a count or share is about: the last value or comparison filter that is not
 * a setting ("how many days had snow in Seattle" counts snow days within Seattle).
 */
function splitTarget(filters: Filter[], context: Set<Filter>): { target: Filter | null; rest: Filter[] } {
  const named = filters.findLastIndex((f) => f.kind !== "year" && !context.has(f));
  const index = named >= 0 ? named : filters.findLastIndex((f) => f.kind !== "year");
  if (index < 0) return { target: null, rest: filters };
  return { target: filters[index]!, rest: filters.filter((_, i) => i !== index) };
}

function chooseAgg(s: ParseState, measure: string | null, ranked: boolean): Agg {
  if (!measure) return "count";
  if (s.countedMeasure) return s.agg && s.agg !== "count" ? s.agg : "sum";
  if (s.agg && s.agg !== "count") return s.agg;
  const word = s.direction?.word ?? "";
  if (/^(most|least|fewest)$/.test(word)) return "sum";
  if (!ranked && SUPERLATIVE.test(word)) return s.direction!.direction === "desc" ? "max" : "min";
  return ADDITIVE_MEASURE.test(measure) ? "sum" : "avg";
}

export function chooseKind(s: ParseState): Intent | null {
  const measure = s.measures[0] ?? null;
  const base = (kind: IntentKind, extra: Partial<Intent> = {}): Intent => ({
    kind,
    measure,
    agg: chooseAgg(s, measure, s.group !== null || s.top !== null || s.which),
    groupBy: s.group,
    ...(s.splitBy && s.group ? { splitBy: s.splitBy } : {}),
    filters: s.filters,
    target: null,
    limit: null,
    direction: s.direction?.direction ?? "desc",
    entity: s.entity,
    ...extra,
  });
  switch (s.kindWord) {
    case "forecast":
    case "anomalies":
      return series(s, s.kindWord, base);
    case "correlation":
      return s.measures.length >= 2
        ? base("correlation", { pair: [s.measures[0]!, s.measures[1]!], agg: "avg" })
        : null;
    case "summary":
      return summary(s, base);
    case "distribution":
      // "histogram of X" draws bins; "distribution of X" describes the shape with summary statistics.
      if (measure && !s.countedMeasure && s.tokens.some((t) => /^(histogram|bins?|binned|buckets?)$/.test(t)))
        return base("distribution", { groupBy: null });
      if (measure && !s.countedMeasure) return summary(s, base);
      return s.group || s.dims[0]
        ? base("distribution", { groupBy: s.group ?? { column: s.dims[0]! }, agg: "count" })
        : null;
    case "compare": {
      const groups = comparedGroups(s);
      // What differs between the groups: a measure (t-test, ANOVA) or else a category (chi-square).
      const subject = measure ?? s.dims.find((d) => d !== groups?.key.column) ?? null;
      if (groups && subject) {
        const extra: Partial<Intent> = measure ? {} : { agg: "count" };
        const named = groups.values ? { groups: groups.values } : {};
        return base("compare", { groupBy: groups.key, measure: subject, filters: groups.rest, ...named, ...extra });
      }
      if (groups) return base("compare", { groupBy: groups.key, filters: groups.rest, measure: null, agg: "count" });
      if (s.measures.length >= 2) return base("compare", { pair: [s.measures[0]!, s.measures[1]!] });
      break;
    }
    case "share": {
      const { target, rest } = splitTarget(s.filters, s.context);
      if (target) return base(s.group ? "rate" : "share", { target, filters: rest, measure: null, agg: "count" });
      const by = s.group ?? (s.dims[0] ? { column: s.dims[0] } : null);
      if (by) return base("share", { groupBy: by, measure: null, agg: "count" });
      return null;
    }
    case "count":
      if (s.countedMeasure) break;
      if (s.group) return base("count", { measure: null, agg: "count" });
      {
        const { target, rest } = splitTarget(s.filters, s.context);
        return base("count", { target, filters: rest, measure: null, agg: "count" });
      }
    case "trend": {
      const key = isTimeKey(s.dna, s.group) ? s.group : autoTimeKey(s.dna, s.grain);
      if (key) return base("trend", { groupBy: key });
      break;
    }
    default:
      break;
  }
  if (s.group) {
    const ranked = s.top !== null || (s.which && s.direction !== null);
    const kind: IntentKind = ranked ? "top" : isTimeKey(s.dna, s.group) ? "trend" : "aggregate";
    return base(kind, { limit: s.top ?? (ranked ? 10 : null) });
  }
  if (measure) {
    const rowLevel = s.top !== null || s.rankBy !== null || (s.which && s.direction !== null);
    if (rowLevel) return base("top", { limit: s.top ?? 10, agg: "max" });
    return base("aggregate");
  }
  if (s.filters.length > 0 || s.kindWord === "filter") return base("lookup", { limit: 100 });
  return null;
}

/**
 * The groups a comparison is between: two or more years ("between 1931 and 1932"), known values of one column
 * ("Europe and Japan"), or every group of a column said with "by"/"across". The filters naming them are dropped.
 */
function comparedGroups(s: ParseState): { key: GroupKey; values?: Array<string | number>; rest: Filter[] } | null {
  const years = s.filters.filter((f): f is Extract<Filter, { kind: "year" }> => f.kind === "year");
  const yearColumn = s.dna.columns.find((c) => c.name === years[0]?.column);
  if (years.length >= 2 && yearColumn) {
    const values = [...new Set(years.map((y) => y.year))];
    const named = new Set<Filter>(years);
    return { key: timeKey(yearColumn, "year"), values, rest: s.filters.filter((f) => !named.has(f)) };
  }
  const list = s.filters.find((f): f is Extract<Filter, { kind: "in" }> => f.kind === "in");
  if (list) return { key: { column: list.column }, values: list.values, rest: s.filters.filter((f) => f !== list) };
  return s.group ? { key: s.group, rest: s.filters } : null;
}

const FOCUS: Array<[RegExp, NonNullable<Intent["focus"]>]> = [
  [/^outliers?$/, "outliers"],
  [/^(normal|normally|normality|bell|gaussian)$/, "normality"],
  [/^(distribution|distributed|spread|shape|skew|skewed|skewness)$/, "distribution"],
];

/** Summary statistics of the measures said, else of a category said, else of every measure of the table. */
function summary(s: ParseState, base: (k: IntentKind, e?: Partial<Intent>) => Intent): Intent | null {
  const said = s.measures.length > 0 ? s.measures : s.dims.slice(0, 1);
  const columns =
    said.length > 0
      ? said
      : s.dna.columns
          .filter((c) => c.role === "measure" && c.numeric)
          .slice(0, 8)
          .map((c) => c.name);
  if (columns.length === 0) return null;
  const focus = FOCUS.find(([re]) => s.tokens.some((t) => re.test(t)))?.[1];
  return base("summary", {
    measure: columns[0]!,
    columns,
    groupBy: null,
    agg: "avg",
    ...(focus ? { focus } : {}),
  });
}

/** Forecasts and anomaly searches run over a series: the measure (or a row count) per period of the time column. */
function series(s: ParseState, kind: "forecast" | "anomalies", base: (k: IntentKind, e?: Partial<Intent>) => Intent) {
  // Anomalies without a stated grain look at rows (cars, single flights) unless the table holds one row per
  // day, month… (a series: daily weather, monthly prices).
  const time = s.dna.columns.find((c) => c.name === s.dna.timeColumn);
  const periodic = time?.time !== undefined && !["minute", "second"].includes(time.time.grain);
  const dense = periodic && (time?.distinct ?? 0) >= 0.8 * s.dna.rowCount;
  if (kind === "anomalies" && !s.grain && !isTimeKey(s.dna, s.group) && !dense && s.measures[0]) {
    return base("anomalies", { groupBy: null });
  }
  const said = isTimeKey(s.dna, s.group) ? s.group : autoTimeKey(s.dna, s.grain ?? nativeSeriesGrain(s.dna));
  if (!said) return kind === "anomalies" && s.measures[0] ? base("anomalies", { groupBy: null }) : null;
  const cyclic = { weekday: "day", month_of_year: "month" } as const;
  const key: GroupKey =
    said.grain === "weekday" || said.grain === "month_of_year" ? { ...said, grain: cyclic[said.grain] } : said;
  const grain = key.grain ?? "year";
  const horizon = kind === "forecast" ? (s.horizon ?? HORIZON[grain] ?? 7) : undefined;
  return base(kind, { groupBy: key, grain, ...(horizon !== undefined ? { horizon } : {}) });
}

function nativeSeriesGrain(dna: DataDna): Grain | null {
  const column = dna.columns.find((c) => c.name === dna.timeColumn);
  const grain = column?.time?.grain;
  if (!grain) return null;
  return grain === "minute" || grain === "second" ? "day" : grain;
}
