// "Histogram of body mass": equal-width bins of a measure; "distribution of species": rows per category.
import type { DataDna } from "../../../data/index.js";
import { describeGroups, describeRows } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, whereWords } from "../compose/phrases.js";
import type { BaseIntent, GroupKey } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes, said } from "../read/cues.js";
import { humanize } from "../read/text.js";
import { histogramSql, measureSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { facts, reasoningOf, scope, withFilter } from "./common.js";

export type DistributionIntent = BaseIntent & { kind: "distribution" } & (
    | { mode: "histogram"; measure: string }
    | { mode: "counts"; groupBy: GroupKey }
  );

const CUE = { words: /^(distribution|histogram|distributed|spread|bins?|binned|buckets?)$/ };
const HISTOGRAM = { words: /^(histogram|bins?|binned|buckets?)$/ };

export const distribution: QuestionKind<DistributionIntent> = {
  name: "distribution",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (cueIndexes(s.free, CUE).length === 0) return null;
    const measure = s.measures[0] ?? null;
    const base = { kind: "distribution" as const, ...scope(s) };
    if (measure && !s.countedMeasure) return said(s.tokens, HISTOGRAM) ? { ...base, mode: "histogram", measure } : null;
    const by = s.group ?? (s.dims[0] ? { column: s.dims[0] } : null);
    return by ? { ...base, mode: "counts", groupBy: by } : null;
  },
  facts: (i, dna) =>
    i.mode === "histogram"
      ? facts(i, dna, { columns: [i.measure], counts: true })
      : facts(i, dna, { keys: [i.groupBy], agg: "count", counts: true }),
  build(i, dna) {
    if (i.mode === "histogram") {
      const built = histogramSql(dna, i.measure, i.filters, i.entity);
      return {
        query: built.query,
        python: null,
        axes: built.axes,
        chart: { type: "histogram", x: "bin_start", y: built.axes.y ?? "" },
      };
    }
    const spec = {
      measure: null,
      agg: "count" as const,
      groupBy: i.groupBy,
      splitBy: null,
      filters: i.filters,
      limit: null,
    };
    const built = measureSql(dna, { ...spec, direction: "desc", entity: i.entity, ranked: false, series: false });
    const { x, y } = built.axes;
    return { query: built.query, python: null, axes: built.axes, chart: x && y ? { type: "bar", x, y } : {} };
  },
  title: (i) =>
    capitalise(
      `distribution of ${i.mode === "histogram" ? humanize(i.measure) : groupWords(i.groupBy)}${whereWords(i.filters)}`,
    ),
  reasoning: (i) =>
    reasoningOf("distribution", {
      ...i,
      ...(i.mode === "histogram" ? { measure: i.measure } : { groupBy: i.groupBy }),
    }),
  describe(i, table, input) {
    const metrics = firstRowMetrics(table);
    const view = {
      measure: i.mode === "histogram" ? i.measure : null,
      agg: "count" as const,
      entity: i.entity,
      filters: i.filters,
      target: null,
      direction: "desc" as const,
    };
    if (i.mode === "histogram")
      return { text: describeRows({ ...view, shape: "histogram", groupBy: null }, table, input), metrics };
    return { text: describeGroups({ ...view, shape: "groups", groupBy: i.groupBy }, table, input), metrics };
  },
  followUps: (i, dna: DataDna) =>
    followUpCandidates(
      dna,
      i.mode === "histogram" ? { measure: i.measure, kind: i.kind } : { groupColumn: i.groupBy.column, kind: i.kind },
    ),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure" && i.mode === "histogram") return { ...i, measure: change.column };
    if (change.change === "group" && i.mode === "counts") return { ...i, groupBy: change.key };
    return null;
  },
};
