// "Find anomalies in daily precipitation", "Find outliers in horsepower": values far from their usual level,
// per period of a series or among single rows, flagged in Python.
import type { DataDna } from "../../../data/index.js";
import { describeGroups } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, measureWords, whereWords } from "../compose/phrases.js";
import type { Agg, BaseIntent, Direction, Grain, GroupKey } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { anomaliesPython } from "../python/series.js";
import { cueIndexes } from "../read/cues.js";
import { humanize } from "../read/text.js";
import { anomalyRowsSql, measureSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { chooseAgg, facts, isTimeKey, reasoningOf, scope, withFilter } from "./common.js";
import { isDenseSeries, seriesKey } from "./series.js";

export type AnomaliesIntent = BaseIntent & { kind: "anomalies"; direction: Direction } & (
    | { mode: "rows"; measure: string }
    | { mode: "series"; measure: string | null; agg: Agg; groupBy: GroupKey; grain: Grain }
  );

const CUE = { words: /^(anomal|outlier|unusual|abnormal|spikes?$|irregular)/ };

export const anomalies: QuestionKind<AnomaliesIntent> = {
  name: "anomalies",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (cueIndexes(s.free, CUE).length === 0) return null;
    const measure = s.measures[0] ?? null;
    const base = { kind: "anomalies" as const, ...scope(s), direction: "desc" as const };
    // Without a stated grain, anomalies are among rows (cars, single flights) unless the table is a series.
    const rows = measure && !s.grain && !isTimeKey(s.dna, s.group) && !isDenseSeries(s.dna);
    const series = rows ? null : seriesKey(s);
    if (!series) return measure ? { ...base, mode: "rows", measure } : null;
    const agg = chooseAgg(s, measure, s.group !== null || s.top !== null || s.which);
    return { ...base, mode: "series", measure, agg, groupBy: series.key, grain: series.grain };
  },
  facts: (i, dna) =>
    i.mode === "rows"
      ? facts(i, dna, { columns: [i.measure] })
      : facts(i, dna, {
          columns: i.measure ? [i.measure] : [],
          keys: [i.groupBy],
          agg: i.measure ? i.agg : "count",
          counts: i.measure === null,
          time: true,
        }),
  build(i, dna) {
    if (i.mode === "rows") {
      const built = anomalyRowsSql(dna, i.measure, i.filters);
      const { x, y } = built.axes;
      return {
        query: built.query,
        python: anomaliesPython(i.measure, false),
        axes: built.axes,
        chart: x && y ? { type: "bar", x, y } : {},
      };
    }
    const spec = { measure: i.measure, agg: i.agg, groupBy: i.groupBy, splitBy: null, filters: i.filters, limit: null };
    const built = measureSql(dna, { ...spec, direction: "desc", entity: i.entity, ranked: false, series: true });
    const { x, y } = built.axes;
    // The anomalous periods are points in time: a line through them would invent a series.
    return {
      query: built.query,
      python: anomaliesPython(y!, true),
      axes: built.axes,
      chart: x && y ? { type: "scatter", x, y } : {},
    };
  },
  title(i) {
    const what = i.mode === "rows" ? humanize(i.measure) : measureWords(i);
    const by = i.mode === "series" ? ` by ${groupWords(i.groupBy)}` : "";
    return capitalise(`anomalies in ${what}${by}${whereWords(i.filters)}`);
  },
  reasoning: (i) =>
    reasoningOf("anomalies", {
      ...i,
      ...(i.mode === "series" ? { groupBy: i.groupBy } : {}),
      extra: "then Python over the SQL result",
    }),
  describe(i, table, input) {
    const view = {
      shape: "anomalies" as const,
      measure: i.measure,
      agg: i.mode === "series" ? i.agg : ("max" as const),
      entity: i.entity,
      filters: i.filters,
      target: null,
      groupBy: i.mode === "series" ? i.groupBy : null,
      direction: i.direction,
    };
    return { text: describeGroups(view, table, input), metrics: firstRowMetrics(table) };
  },
  empty: (i) =>
    `No value of ${humanize(i.measure ?? "the measure")} stood far enough from its usual level to count as an anomaly.`,
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { measure: i.measure, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure") return { ...i, measure: change.column };
    return null;
  },
};
