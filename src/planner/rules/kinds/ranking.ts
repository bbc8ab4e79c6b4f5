// "Top 5 directors by total gross", "Which origin has the most cars?", "Which car has the lowest weight?":
// groups ranked by an aggregate, or single rows ranked by a measure.
import type { QuestionKind } from "../kind.js";
import { isRanked } from "./aggregate.js";
import { chooseAgg, directionOf, reasoningOf, scope } from "./common.js";
import { applyToMeasure, MEASURE_PARTS, type MeasureShape } from "./measure-shape.js";

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
  reasoning: (i) => reasoningOf("ranking", i),
  ...MEASURE_PARTS,
  applyFollowUp: (i, change, dna) => {
    const next = applyToMeasure(i, change, dna);
    return next && next.kind === "ranking" ? { ...next, kind: "ranking", limit: next.limit ?? i.limit } : next;
  },
};
