// "How many different origins are there?", "Number of unique directors per genre": distinct values of a column.
import type { DataDna } from "../../../data/index.js";
import { formatCell } from "../compose/format.js";
import { countsView, describeGroups } from "../compose/groups.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, groupWords, whereWords } from "../compose/phrases.js";
import type { BaseIntent, GroupKey } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { humanize, plural } from "../read/text.js";
import { countDistinctSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { facts, reasoningOf, scope, withFilter } from "./common.js";
import { isTimeAxis } from "./measure-shape.js";

export interface CountDistinctIntent extends BaseIntent {
  kind: "count_distinct";
  /** The column whose distinct values are counted. */
  column: string;
  groupBy: GroupKey | null;
}

const CUE = { words: /^(distinct|unique|different)$/ };
const COUNTING = {
  words: /^(count|counts)$/,
  phrases: [
    ["how", "many"],
    ["number", "of"],
  ],
};

export const countDistinct: QuestionKind<CountDistinctIntent> = {
  name: "count_distinct",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    // "how many countries": the values of a column named as what is counted; or "how many distinct X".
    const distinct = cueIndexes(s.free, CUE).length > 0 && cueIndexes(s.tokens, COUNTING).length > 0;
    const said = distinct ? (s.dims[0] ?? (s.countedMeasure ? null : s.measures[0]) ?? null) : null;
    const column = s.countedColumn ?? said;
    if (!column) return null;
    return { kind: "count_distinct", ...scope(s), column, groupBy: s.group };
  },
  // Distinct values are counted, not rows: no row-count aggregation.
  facts: (i, dna) => facts(i, dna, { columns: [i.column], keys: [i.groupBy], counts: true }),
  build(i, dna) {
    const built = countDistinctSql(dna, i);
    const { x, y } = built.axes;
    const chart = x && y ? { type: isTimeAxis(dna, i.groupBy) ? ("line" as const) : ("bar" as const), x, y } : {};
    return { query: built.query, python: null, axes: built.axes, chart };
  },
  title: (i) =>
    capitalise(
      `distinct ${plural(humanize(i.column))}${i.groupBy ? ` by ${groupWords(i.groupBy)}` : ""}${whereWords(i.filters)}`,
    ),
  reasoning: (i) => reasoningOf("count-distinct", { measure: i.column, groupBy: i.groupBy, filters: i.filters }),
  describe(i, table, input) {
    const metrics = firstRowMetrics(table);
    if (!i.groupBy) {
      return {
        text: `There are ${formatCell(table.rows[0]![0])} distinct ${plural(humanize(i.column))}${whereWords(i.filters)}.`,
        metrics,
      };
    }
    const text = describeGroups(
      countsView(`distinct ${plural(humanize(i.column))}`, i.filters, i.groupBy),
      table,
      input,
    );
    return { text, metrics };
  },
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { groupColumn: i.groupBy?.column ?? i.column, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "group") return { ...i, groupBy: change.key };
    return null;
  },
};
