// "Show the cars from Japan", "List flights from SEA": the rows that meet the conditions said.
import type { DataDna } from "../../../data/index.js";
import { formatCell } from "../compose/format.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, whereWords } from "../compose/phrases.js";
import type { BaseIntent, Direction } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { humanize } from "../read/text.js";
import { lookupSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { directionOf, facts, reasoningOf, scope, withFilter } from "./common.js";

export interface LookupIntent extends BaseIntent {
  kind: "lookup";
  /** Rows ordered by this measure, when one was said. */
  measure: string | null;
  direction: Direction;
  limit: number;
}

const CUE = { words: /^(show|list|display)$/ };

export const lookup: QuestionKind<LookupIntent> = {
  name: "lookup",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (s.filters.length === 0 && cueIndexes(s.free, CUE).length === 0) return null;
    return {
      kind: "lookup",
      ...scope(s),
      measure: s.measures[0] ?? null,
      direction: directionOf(s),
      limit: s.top ?? 100,
    };
  },
  facts: (i, dna) =>
    facts(i, dna, {
      columns: i.measure ? [i.measure] : [],
      order: i.measure ? i.direction : null,
      limit: i.limit,
    }),
  build(i, dna) {
    const built = lookupSql(dna, i);
    return { query: built.query, python: null, axes: built.axes, chart: {} };
  },
  title: (i) => capitalise(`${i.entity}${whereWords(i.filters)}`),
  reasoning: (i) => reasoningOf("lookup", i),
  describe(i, table) {
    const row = table.rows[0]!;
    const first = table.columns.map((c, k) => `${humanize(c)} ${formatCell(row[k])}`).join(", ");
    return { text: `The first matching row${whereWords(i.filters)} has ${first}.`, metrics: firstRowMetrics(table) };
  },
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { measure: i.measure, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure") return { ...i, measure: change.column };
    return null;
  },
};
