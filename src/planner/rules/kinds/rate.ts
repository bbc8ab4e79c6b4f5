// "What share of days were rainy each year?", "Percentage of rainy days by location": the share of rows
// matching a condition, per group.
import type { DataDna } from "../../../data/index.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { followUpCandidates } from "../suggestions.js";
import { reasoningOf, scope, splitTarget } from "./common.js";
import { applyToCount, buildCount, type CountShape, countFacts, countTitle, describeCount } from "./count-shape.js";
import { SHARE_CUE } from "./share.js";

export interface RateIntent extends CountShape {
  kind: "rate";
  target: NonNullable<CountShape["target"]>;
  groupBy: NonNullable<CountShape["groupBy"]>;
}

const CUE = { words: /^(rate|rates)$/ };

export const rate: QuestionKind<RateIntent> = {
  name: "rate",
  answersCues: ["share"],
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    const asked = cueIndexes(s.free, SHARE_CUE).length > 0 || cueIndexes(s.free, CUE).length > 0;
    if (!asked || !s.group || s.measures.length > 0) return null;
    const { target, rest } = splitTarget(s.filters, s.context);
    if (!target) return null;
    return { kind: "rate", ...scope(s), target, filters: rest, groupBy: s.group, splitBy: null, limit: null };
  },
  facts: countFacts,
  build: buildCount,
  title: countTitle,
  reasoning: (i) => reasoningOf("rate", { ...i, extra: "counting the rows that match the asked value" }),
  describe: describeCount,
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { groupColumn: i.groupBy.column, kind: i.kind }),
  applyFollowUp: applyToCount,
};
