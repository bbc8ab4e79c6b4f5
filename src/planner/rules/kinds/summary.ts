// "Summary statistics of horsepower", "Is acceleration normally distributed?", "Are there outliers in X?":
// statistics of columns computed in Python over the whole table.
import type { DataDna } from "../../../data/index.js";
import { statisticMetrics } from "../compose/metrics.js";
import { capitalise, whereWords } from "../compose/phrases.js";
import { describeSummary } from "../compose/statistics.js";
import type { BaseIntent } from "../intent.js";
import type { QuestionKind } from "../kind.js";
import { summaryPython } from "../python/statistics.js";
import { cueIndexes, said } from "../read/cues.js";
import { humanize } from "../read/text.js";
import { followUpCandidates } from "../suggestions.js";
import { facts, reasoningOf, scope, withFilter } from "./common.js";

export interface SummaryIntent extends BaseIntent {
  kind: "summary";
  columns: string[];
  /** What the question dwells on: outliers, normality, the shape of the distribution. */
  focus: "outliers" | "normality" | "distribution" | null;
}

const SUMMARY = { words: /^(summary|summarize|summarise|summarized|describe|statistics|stats|normality)$/ };
const OUTLIERS = { words: /^outliers?$/ };
/** Verbs asking for the rows themselves ("find outliers", "which days were unusual"), not a statistic. */
const ROW_VERBS = { words: /^(find|show|list|detect|flag|identify|spot|highlight|which|display|get|where|when)$/ };
const HISTOGRAM = { words: /^(histogram|bins?|binned|buckets?)$/ };
const SERIES = { words: /^(trend|trends|forecast|predict|correlat)/ };
const FOCUS: Array<[RegExp, NonNullable<SummaryIntent["focus"]>]> = [
  [/^outliers?$/, "outliers"],
  [/^(normal|normally|normality|bell|gaussian)$/, "normality"],
  [/^(distribution|distributed|spread|shape|skew|skewed|skewness)$/, "distribution"],
];
const ALL_CUES = {
  words:
    /^(summary|summarize|summarise|summarized|describe|statistics|stats|normality|normal|normally|gaussian|bell|curve|shaped|distributed|distribution|outliers?|spread|shape|skew|skewed|skewness)$/,
};

/** Summary statistics asked in so many words, or outliers asked about as a figure rather than as rows. */
function asked(tokens: readonly string[]): boolean {
  if (said(tokens, SERIES)) return false;
  if (said(tokens, SUMMARY)) return true;
  const normal =
    tokens.some((t) => /^normal(ly)?$/.test(t)) && tokens.some((t) => /^(distributed|distribution)$/.test(t));
  const bell = tokens.some((t, i) => t === "bell" && /^(curve|shaped)$/.test(tokens[i + 1] ?? ""));
  return normal || bell || (said(tokens, OUTLIERS) && !said(tokens, ROW_VERBS));
}

export const summary: QuestionKind<SummaryIntent> = {
  name: "summary",
  answersCues: ["distribution", "anomalies"],
  cues: (free) => cueIndexes(free, ALL_CUES),
  read(s) {
    const measure = s.measures[0] ?? null;
    // "distribution of X" describes the shape; a histogram of X is the distribution kind's.
    const shape =
      said(s.free, { words: /^(distribution|distributed|spread)$/ }) &&
      measure &&
      !s.countedMeasure &&
      !said(s.tokens, HISTOGRAM);
    if (!asked(s.free) && !shape) return null;
    const chosen = s.measures.length > 0 ? s.measures : s.dims.slice(0, 1);
    const columns =
      chosen.length > 0
        ? chosen
        : s.dna.columns
            .filter((c) => c.role === "measure" && c.numeric)
            .slice(0, 8)
            .map((c) => c.name);
    if (columns.length === 0) return null;
    const focus = FOCUS.find(([re]) => s.tokens.some((t) => re.test(t)))?.[1] ?? null;
    return { kind: "summary", ...scope(s), columns, focus };
  },
  facts: (i, dna) => facts(i, dna, { columns: i.columns }),
  build: (i, dna) => ({
    query: null,
    python: summaryPython(dna, i.filters, i.columns),
    axes: { x: null, y: null },
    chart: null,
  }),
  title: (i) => capitalise(`summary statistics of ${i.columns.map(humanize).join(", ")}${whereWords(i.filters)}`),
  reasoning: (i) =>
    reasoningOf("summary", {
      measure: i.columns.join(", "),
      filters: i.filters,
      extra: "summarised in Python over the whole table",
    }),
  describe: (i, table) => ({
    text: describeSummary({ ...i, measure: i.columns[0] ?? null }, table),
    metrics: statisticMetrics(table),
  }),
  followUps: (i, dna: DataDna) => followUpCandidates(dna, { measure: i.columns[0] ?? null, kind: i.kind }),
  applyFollowUp(i, change) {
    if (change.change === "filter") return { ...i, filters: withFilter(i.filters, change.filter) };
    if (change.change === "measure") return { ...i, columns: [change.column] };
    return null;
  },
};
