// "CO2 trend over time", "Average price by year": a measure (or a row count) per period, in time order.
import type { DataDna } from "../../../data/index.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { autoTimeKey } from "../read/groups.js";
import { followUpCandidates } from "../suggestions.js";
import { isRanked } from "./aggregate.js";
import { chooseAgg, directionOf, isTimeKey, reasoningOf, scope } from "./common.js";
import {
  applyToMeasure,
  buildMeasure,
  describeMeasure,
  type MeasureShape,
  measureFacts,
  measureTitle,
} from "./measure-shape.js";

export interface TrendIntent extends MeasureShape {
  kind: "trend";
}

const CUE = { words: /^(trend|trends|trending|evolve|evolved|evolution)$/, phrases: [["over", "time"]] };

export const trend: QuestionKind<TrendIntent> = {
  name: "trend",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    const asked = cueIndexes(s.free, CUE).length > 0;
    if (!asked && (!isTimeKey(s.dna, s.group) || isRanked(s))) return null;
    const key = isTimeKey(s.dna, s.group) ? s.group : autoTimeKey(s.dna, s.grain);
    if (!key) return null;
    const measure = s.measures[0] ?? null;
    return {
      kind: "trend",
      ...scope(s),
      measure,
      more: s.countedMeasure ? [] : s.joinedMeasures,
      agg: chooseAgg(s, measure, true),
      groupBy: key,
      splitBy: s.group ? s.splitBy : null,
      limit: null,
      direction: directionOf(s),
    };
  },
  facts: measureFacts,
  build: buildMeasure,
  title: measureTitle,
  reasoning: (i) => reasoningOf("trend", i),
  describe: describeMeasure,
  followUps: (i, dna: DataDna) =>
    followUpCandidates(dna, {
      measure: i.measure,
      groupColumn: i.groupBy?.column ?? null,
      grain: i.groupBy?.grain ?? "year",
      agg: i.agg,
      kind: i.kind,
    }),
  applyFollowUp: applyToMeasure,
};
