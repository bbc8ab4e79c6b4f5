// "What is the correlation between weight and miles per gallon?": Pearson's r over the rows with both values.
import type { DataDna } from "../../../data/index.js";
import { formatCell, formatNumber, toNumber } from "../compose/format.js";
import { firstRowMetrics } from "../compose/metrics.js";
import { capitalise, whereWords } from "../compose/phrases.js";
import type { BaseIntent } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { cueIndexes } from "../read/cues.js";
import { humanize } from "../read/text.js";
import { correlationSql } from "../sql/shapes.js";
import { followUpCandidates } from "../suggestions.js";
import { facts, reasoningOf, scope, withFilter } from "./common.js";

export interface CorrelationIntent extends BaseIntent {
  kind: "correlation";
  pair: [string, string];
}

const CUE = { words: /^(correlat|relationship|associat)/, phrases: [["related", "to"]] };

function strength(r: number): string {
  const size = Math.abs(r);
  return size >= 0.7 ? "strong" : size >= 0.4 ? "moderate" : size >= 0.2 ? "weak" : "very weak";
}

export const correlation: QuestionKind<CorrelationIntent> = {
  name: "correlation",
  cues: (free) => cueIndexes(free, CUE),
  read(s) {
    if (cueIndexes(s.free, CUE).length === 0 || s.measures.length < 2) return null;
    return { kind: "correlation", ...scope(s), pair: [s.measures[0]!, s.measures[1]!] };
  },
  facts: (i, dna) => facts(i, dna, { columns: i.pair }),
  build(i, dna) {
    const built = correlationSql(dna, i.pair, i.filters);
    // One coefficient is not a chart; the scatter behind it is evidence a later step can add.
    return { query: built.query, python: null, axes: built.axes, chart: null };
  },
  title: (i) => capitalise(`correlation of ${humanize(i.pair[0])} and ${humanize(i.pair[1])}${whereWords(i.filters)}`),
  reasoning: (i) => reasoningOf("correlation", { ...i, extra: `between ${i.pair[0]} and ${i.pair[1]}` }),
  describe(i, table) {
    const row = table.rows[0]!;
    const [a, b] = i.pair.map(humanize) as [string, string];
    const r = toNumber(row[0]);
    const text =
      r === null
        ? `There are not enough rows with both ${a} and ${b} to measure a correlation.`
        : `The correlation between ${a} and ${b} is ${formatNumber(r)}, a ${strength(r)} ${r >= 0 ? "positive" : "negative"} relationship, over ${formatCell(row[1])} rows with both values${whereWords(i.filters)}.`;
    return { text, metrics: firstRowMetrics(table) };
  },
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { pair: i.pair, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure" && !i.pair.includes(change.column))
      return { ...i, pair: [change.column, i.pair[1]] };
    return null;
  },
};
