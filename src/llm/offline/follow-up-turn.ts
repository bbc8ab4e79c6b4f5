// Follow-ups in a thread ("and by month?", "what about Japan?", "same for temp_min", "how does that compare to
// last year?", "show it as a bar chart"): the previous question is planned again with the change applied.
import type { DataDna } from "../../data/index.js";
import { questionTokens } from "./cues.js";
import { yearColumn } from "./filters.js";
import { timeKey } from "./groups.js";
import { findMentions } from "./mentions.js";
import { parseQuestion } from "./parse.js";
import type { ChartType, ExecutablePlan, Filter, Intent, OfflinePlan, PlannerContext } from "./types.js";

const FOLLOW_UP =
  /^\s*(and\b|what about\b|how about\b|same\b|the same\b|now\b|also\b|then\b|instead\b|only\b|show (it|that|this|them)\b|as an? \w+ (chart|graph)|make it\b|(how does|how do|how did) (that|this|it|they) compare|compare (that|this|it)\b|(by|per) \w+\??\s*$)/i;
const YEAR_OVER_YEAR = /\b(last|previous|prior|the year before)\b.*\byear\b|\byear[- ]over[- ]year\b|\byoy\b/i;
const CHART_WORDS: Array<[RegExp, ChartType]> = [
  [/\bbar\b/i, "bar"],
  [/\bline\b/i, "line"],
  [/\bpie\b|\bdonut\b/i, "pie"],
  [/\bscatter\b/i, "scatter"],
  [/\barea\b/i, "area"],
  [/\bhistogram\b/i, "histogram"],
];

export interface FollowUpDeps {
  plan: (question: string, context: PlannerContext) => OfflinePlan;
  build: (dna: DataDna, intent: Intent) => ExecutablePlan;
}

/** The plan for a follow-up of the thread's last answered question, or null when the question stands alone. */
export function planFollowUp(question: string, context: PlannerContext, deps: FollowUpDeps): ExecutablePlan | null {
  const history = context.history ?? [];
  const lastIndex = history.findLastIndex((turn) => turn.table);
  if (lastIndex < 0 || !FOLLOW_UP.test(question)) return null;
  const previous = deps.plan(history[lastIndex]!.question, { ...context, history: history.slice(0, lastIndex) });
  if (previous.classification === "CLARIFY") return null;
  const dna = context.tables.find((t) => t.table === previous.table);
  if (!dna) return null;

  const chart = CHART_WORDS.find(([re]) => re.test(question) && /\b(chart|graph|plot)\b/i.test(question))?.[1];
  const intent = YEAR_OVER_YEAR.test(question)
    ? yearOverYear(dna, previous.intent)
    : applyDelta(question, dna, previous.intent);
  if (!intent) return null;
  const plan = deps.build(dna, intent);
  if (chart) plan.chart = { ...(plan.chart ?? {}), type: chart };
  plan.reasoning = `Follow-up of "${history[lastIndex]!.question}": ${plan.reasoning}`;
  return plan;
}

/** Swaps what the follow-up names into the previous intent: a value, a year, a measure, or a grouping. */
function applyDelta(question: string, dna: DataDna, previous: Intent): Intent | null {
  const tokens = questionTokens(question);
  const mentions = findMentions(tokens, dna, question);
  const next: Intent = { ...previous, filters: [...previous.filters] };
  let changed = false;

  for (const m of mentions.filter((x) => x.kind === "value")) {
    const swap: Filter = { kind: "equals", column: m.column!, value: m.value! };
    if (next.target && next.target.column === m.column) next.target = swap;
    else next.filters = [...next.filters.filter((f) => f.column !== m.column), swap];
    changed = true;
  }
  const years = tokens.filter((t) => /^(1[5-9]|20)\d\d$/.test(t)).map(Number);
  const column = yearColumn(dna, mentions);
  if (years.length === 1 && column) {
    next.filters = [
      ...next.filters.filter((f) => f.kind !== "year"),
      { kind: "year", column: column.name, op: "=", year: years[0]! },
    ];
    // One year of a series by year is a single figure.
    if (next.groupBy?.column === column.name && (next.groupBy.grain ?? "year") === "year") {
      next.groupBy = null;
      if (next.kind === "trend") next.kind = "aggregate";
    }
    changed = true;
  }
  const measure = mentions.find(
    (m) => m.kind === "column" && dna.columns.find((c) => c.name === m.column)?.role === "measure",
  );
  const grouping = /\b(by|per|each|across)\b|\b(daily|weekly|monthly|quarterly|yearly|annually)\b/i.test(question);
  if (grouping) {
    const regrouped = parseQuestion(question, dna).intent?.groupBy;
    if (regrouped) {
      next.groupBy = regrouped;
      if (next.kind === "aggregate" || next.kind === "lookup" || next.kind === "trend") next.kind = "aggregate";
      if (next.kind === "count" && next.target) next.kind = "rate";
      next.limit = next.kind === "top" ? next.limit : null;
      changed = true;
    }
  }
  if (measure && !grouping) {
    if (next.pair) next.pair = [measure.column!, next.pair[1]];
    else {
      next.measure = measure.column!;
      if (next.columns) next.columns = [measure.column!];
      if (next.agg === "count") next.agg = "avg";
    }
    changed = true;
  }
  const chartOnly = /\b(chart|graph|plot)\b/i.test(question);
  return changed || chartOnly ? next : null;
}

/**
 * "How does that compare to last year?": the same aggregate for the latest year (the one asked about, else the
 * last in the data) and the year before it, as two rows in time order.
 */
function yearOverYear(dna: DataDna, previous: Intent): Intent | null {
  const asked = previous.filters.find((f) => f.kind === "year" && f.op === "=");
  const column = dna.columns.find((c) => c.name === (asked?.column ?? yearColumn(dna, [])?.name));
  if (!column) return null;
  const latest = asked?.kind === "year" ? asked.year : Number(column.time?.max.slice(0, 4) ?? column.numeric?.max);
  if (!Number.isFinite(latest)) return null;
  // The year before is the previous year present in the data (yearly data may skip years): the last two years
  // up to the latest, which a time series with a limit keeps.
  const filters: Filter[] = [
    ...previous.filters.filter((f) => f.kind !== "year"),
    { kind: "year", column: column.name, op: "<=", year: latest },
  ];
  const kind = previous.target ? "rate" : previous.kind === "count" ? "count" : "aggregate";
  return { ...previous, kind, filters, groupBy: timeKey(column, "year"), limit: 2 };
}
