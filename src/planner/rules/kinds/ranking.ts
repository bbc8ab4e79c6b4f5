// "Top 5 directors by total gross", "Which origin has the most cars?", "Which car has the lowest weight?":
// groups ranked by an aggregate, or single rows ranked by a measure.
import type { DataDna } from "../../../data/index.js";
import type { QuestionKind } from "../kind.js";
import { followUpCandidates } from "../suggestions.js";
import { isRanked } from "./aggregate.js";
import { chooseAgg, directionOf, reasoningOf, scope } from "./common.js";
import {
  applyToMeasure,
  buildMeasure,
  describeMeasure,
  type MeasureShape,
  measureFacts,
  measureTitle,
} from "./measure-shape.js";

export interface RankingIntent extends MeasureShape {
  kind: "ranking";
  limit: number;
}

export const ranking: QuestionKind<RankingIntent> = {
  name: "ranking",
  cues: () => [],
  read(s) {
    const measure = s.measures[0] ?? null;
    const base = { kind: "ranking" as const, ...scope(s), more: [], splitBy: null, direction: directionOf(s) };
    if (s.group) {
      if (!isRanked(s)) return null;
      return { ...base, measure, agg: chooseAgg(s, measure, true), groupBy: s.group, limit: s.top ?? 10 };
    }
    if (!measure || !(s.top !== null || s.rankBy !== null || (s.which && s.direction !== null))) return null;
    return { ...base, measure, agg: "max", groupBy: null, limit: s.top ?? 10 };
  },
  facts: measureFacts,
  build: buildMeasure,
  title: measureTitle,
  reasoning: (i) => reasoningOf("ranking", i),
  describe: describeMeasure,
  followUps: (i, dna: DataDna) =>
    followUpCandidates(dna, {
      measure: i.measure,
      groupColumn: i.groupBy?.column ?? null,
      grain: i.groupBy?.grain ?? null,
      agg: i.agg,
      kind: i.kind,
    }),
  applyFollowUp: (i, change, dna) => {
    const next = applyToMeasure(i, change, dna);
    return next && next.kind === "ranking" ? { ...next, kind: "ranking", limit: next.limit ?? i.limit } : next;
  },
};
