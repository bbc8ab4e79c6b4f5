// "What is the average horsepower?", "Total precipitation by weather": a measure over all rows or per category.
import type { QuestionKind } from "../kind.js";
import type { Reading } from "../read/reading.js";
import { chooseAgg, directionOf, isTimeKey, reasoningOf, scope } from "./common.js";
import { MEASURE_PARTS, type MeasureShape } from "./measure-shape.js";

export interface AggregateIntent extends MeasureShape {
  kind: "aggregate";
}

/** A ranked question ("top 5", "which … highest") is the ranking kind's. */
export const isRanked = (s: Reading) => s.top !== null || (s.which && s.direction !== null);

export const aggregate: QuestionKind<AggregateIntent> = {
  name: "aggregate",
  cues: () => [],
  read(s) {
    const measure = s.measures[0] ?? null;
    if (s.group) {
      if (isRanked(s) || isTimeKey(s.dna, s.group)) return null;
    } else if (!measure || s.rankBy !== null || isRanked(s)) return null;
    return {
      kind: "aggregate",
      ...scope(s),
      measure,
      more: s.countedMeasure ? [] : s.joinedMeasures,
      agg: chooseAgg(s, measure, s.group !== null || s.which),
      groupBy: s.group,
      splitBy: s.group ? s.splitBy : null,
      limit: null,
      direction: directionOf(s),
    };
  },
  reasoning: (i) => reasoningOf("aggregate", i),
  ...MEASURE_PARTS,
};
