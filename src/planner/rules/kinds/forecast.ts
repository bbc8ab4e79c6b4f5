// "Forecast the number of flights per day for the next 7 days": the series, then exponential smoothing in Python.
import type { DataDna } from "../../../data/index.js";
import { describeGroups } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, measureWords, whereWords } from "../compose/phrases.js";
import type { Agg, BaseIntent, Grain, GroupKey } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { forecastPython } from "../python/series.js";
import { cueIndexes } from "../read/cues.js";
import { measureSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { chooseAgg, facts, reasoningOf, scope, withFilter } from "./common.js";
import { seriesKey } from "./series.js";

export interface ForecastIntent extends BaseIntent {
  kind: "forecast";
  /** null: rows per period are forecast. */
  measure: string | null;
  agg: Agg;
  groupBy: GroupKey;
  grain: Grain;
  /** Periods ahead. */
  horizon: number;
}

const CUE = { words: /^(forecast|predict|prediction|predicted|projection|project|projected|extrapolate)/ };
const HORIZON: Partial<Record<Grain, number>> = { hour: 24, day: 7, week: 8, month: 12, quarter: 4, year: 3 };

export const forecast: QuestionKind<ForecastIntent> = {
  name: "forecast",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (cueIndexes(s.free, CUE).length === 0) return null;
    const series = seriesKey(s);
    if (!series) return null;
    const measure = s.measures[0] ?? null;
    return {
      kind: "forecast",
      ...scope(s),
      measure,
      agg: chooseAgg(s, measure, s.group !== null || s.top !== null || s.which),
      groupBy: series.key,
      grain: series.grain,
      horizon: s.horizon ?? HORIZON[series.grain] ?? 7,
    };
  },
  facts: (i, dna) =>
    facts(i, dna, {
      columns: i.measure ? [i.measure] : [],
      keys: [i.groupBy],
      agg: i.measure ? i.agg : "count",
      counts: i.measure === null,
      horizon: i.horizon,
      time: true,
    }),
  build(i, dna) {
    const spec = { measure: i.measure, agg: i.agg, groupBy: i.groupBy, splitBy: null, filters: i.filters, limit: null };
    const built = measureSql(dna, { ...spec, direction: "desc", entity: i.entity, ranked: false, series: true });
    const x = built.axes.x!;
    return {
      query: built.query,
      python: forecastPython(x, built.axes.y!, i.grain, i.horizon),
      // The answer is Python's table: one row per future period.
      axes: { x, y: "forecast" },
      chart: { type: "line", x, y: "forecast" },
    };
  },
  title: (i) => capitalise(`forecast of ${measureWords(i)} by ${groupWords(i.groupBy)}${whereWords(i.filters)}`),
  reasoning: (i) => reasoningOf("forecast", { ...i, extra: "then Python over the SQL result" }),
  describe(i, table, input) {
    const view = { shape: "forecast" as const, ...i, target: null, direction: "desc" as const };
    return { text: describeGroups(view, table, input), metrics: firstRowMetrics(table) };
  },
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { measure: i.measure, grain: i.grain, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure") return { ...i, measure: change.column, agg: i.agg === "count" ? "avg" : i.agg };
    if (change.change === "agg" && i.measure) return { ...i, agg: change.agg };
    return null;
  },
};
