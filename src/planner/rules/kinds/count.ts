// "How many cars have 8 cylinders?", "How many penguins are on each island?": rows counted, all or per group.
import type { DataDna } from "../../../data/index.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { followUpCandidates } from "../suggestions.js";
import { reasoningOf, scope, splitTarget } from "./common.js";
import { applyToCount, buildCount, type CountShape, countFacts, countTitle, describeCount } from "./count-shape.js";

export interface CountIntent extends CountShape {
  kind: "count";
}

const CUE = {
  words: /^(count|counts)$/,
  phrases: [
    ["how", "many"],
    ["number", "of"],
  ],
};

export const count: QuestionKind<CountIntent> = {
  name: "count",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    const asked = cueIndexes(s.free, CUE).length > 0;
    // "how many people": adding up a measure is the aggregate kind's.
    if (s.countedMeasure || s.measures.length > 0) return null;
    const base = { kind: "count" as const, ...scope(s), splitBy: null, limit: null };
    if (s.group) {
      if (!asked && s.direction !== null) return null;
      return { ...base, target: null, groupBy: s.group, splitBy: s.splitBy };
    }
    if (!asked) return null;
    const { target, rest } = splitTarget(s.filters, s.context);
    return { ...base, target, filters: rest, groupBy: null };
  },
  facts: countFacts,
  build: buildCount,
  title: countTitle,
  reasoning: (i) =>
    reasoningOf("count", { ...i, extra: i.target ? "counting the rows that match the asked value" : "" }),
  describe: describeCount,
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { groupColumn: i.groupBy?.column ?? null, kind: i.kind }),
  applyFollowUp: applyToCount,
};
