// "What percentage of days were sunny?", "Share of cars by origin": the share of rows matching a condition, or
// each group's share of all rows.
import type { DataDna } from "../../../data/index.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { followUpCandidates } from "../suggestions.js";
import { reasoningOf, scope, splitTarget } from "./common.js";
import { applyToCount, buildCount, type CountShape, countFacts, countTitle, describeCount } from "./count-shape.js";

export interface ShareIntent extends CountShape {
  kind: "share";
}

export const SHARE_CUE = { words: /^(percentage|percent|share|proportion|fraction|ratio|pct|%)$/ };

export const share: QuestionKind<ShareIntent> = {
  name: "share",
  cues: (free) => cueIndexes(free, SHARE_CUE),
  read(s) {
    if (cueIndexes(s.free, SHARE_CUE).length === 0 || s.measures.length > 0) return null;
    const { target, rest } = splitTarget(s.filters, s.context);
    const base = { kind: "share" as const, ...scope(s), splitBy: null, limit: null };
    if (target && !s.group) return { ...base, target, filters: rest, groupBy: null };
    if (target) return null;
    const by = s.group ?? (s.dims[0] ? { column: s.dims[0] } : null);
    return by ? { ...base, target: null, groupBy: by } : null;
  },
  facts: countFacts,
  build: buildCount,
  title: countTitle,
  reasoning: (i) =>
    reasoningOf("share", { ...i, extra: i.target ? "counting the rows that match the asked value" : "" }),
  describe: describeCount,
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { groupColumn: i.groupBy?.column ?? null, kind: i.kind }),
  applyFollowUp: applyToCount,
};
