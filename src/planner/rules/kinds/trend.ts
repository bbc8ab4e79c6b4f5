// "CO2 trend over time", "Average price by year": a measure (or a row count) per period, in time order.
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { autoTimeKey } from "../read/groups.js";
import { isRanked } from "./aggregate.js";
import { chooseAgg, directionOf, isTimeKey, reasoningOf, scope } from "./common.js";
import { MEASURE_PARTS, type MeasureShape } from "./measure-shape.js";

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
  reasoning: (i) => reasoningOf("trend", i),
  ...MEASURE_PARTS,
};
