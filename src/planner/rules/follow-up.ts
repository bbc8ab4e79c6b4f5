// Follow-ups in a thread ("only for 4 cylinder cars", "what about the min temperature?", "and for 2008?", "as a
// pie chart", "how does that compare to last year?"): the change the follow-up says is applied to the stored
// intent of the last answered turn, so a chain of follow-ups never re-reads older questions.
import type { ChartType } from "../../charts/index.js";
import type { DataDna } from "../../data/index.js";
import { requestedChartType } from "../chart-request.js";
import type { Plan } from "../plan.js";
import { clarifyPlan } from "./clarify.js";
import type { BaseIntent } from "./intent.js";
import type { FollowUpChange } from "./kind.js";
import { kindOf } from "./kinds/index.js";
import { account } from "./read/accounting.js";
import { yearColumn } from "./read/filters.js";
import { readQuestion } from "./read/reading.js";
import { questionTokens } from "./read/tokens.js";
import { toPlan } from "./to-plan.js";
import type { RuleTurn } from "./turn-state.js";
import { claimCues, cuesOf } from "./understand.js";

const FOLLOW_UP =
  /^\s*(and\b|what about\b|how about\b|same\b|the same\b|now\b|also\b|then\b|instead\b|only\b|just\b|but\b|show (it|that|this|them)\b|(as|in) an? \w+ (chart|graph|plot)|make it\b|(how does|how do|how did) (that|this|it|they) compare|compare (that|this|it)\b|(by|per|for|in) \S+\??\s*$)/i;
const YEAR_OVER_YEAR = /\b(last|previous|prior|the year before)\b.*\byear\b|\byear[- ]over[- ]year\b|\byoy\b/i;
/** A follow-up's own words: they point back at the answer ("that", "it") or say it continues ("and", "instead"). */
const OWN_WORDS =
  /^(and|what|about|how|same|now|also|then|instead|only|just|but|show|it|that|this|them|those|make|compare|does|do|did|they|again|too|as|well|one|ones)$/;
const YEAR_WORDS = /^(last|previous|prior|year|before|over|yoy|compare|to|the|with)$/;

/** Whether a question reads as a follow-up of the thread rather than a question of its own. */
export const isFollowUp = (question: string): boolean => FOLLOW_UP.test(question);

/**
 * The plan for a follow-up of `previous`, or null when the question says no change (it is planned on its own).
 * A follow-up whose words cannot all be placed comes back as CLARIFY.
 */
export function planFollowUp(question: string, previous: RuleTurn, dna: DataDna): Plan | null {
  const current = kindOf(previous.intent);
  if (!current) return null;
  const tokens = questionTokens(question);
  const reading = readQuestion(question, dna, tokens);
  claimCues(reading);
  const yoy = YEAR_OVER_YEAR.test(question);
  tokens.forEach((t, i) => {
    if (OWN_WORDS.test(t) || (yoy && YEAR_WORDS.test(t))) reading.ledger.claim(i, { as: "follow-up" });
  });
  const chart: ChartType | null = /\b(chart|graph|plot|bars|pie|donut|scatter|histogram|heat ?map)\b/i.test(question)
    ? (requestedChartType(question) ?? previous.chart)
    : previous.chart;
  const changes = yoy ? yearOverYear(dna, previous.intent) : changesOf(reading);
  if (changes === null) return null;
  let intent: BaseIntent = previous.intent;
  for (const change of changes) {
    const kind = kindOf(intent);
    const next = kind?.applyFollowUp(intent, change, dna) ?? null;
    if (!next) return null;
    intent = next;
  }
  if (changes.length === 0 && chart === previous.chart) return null;
  const kind = kindOf(intent)!;
  const accounting = account(reading.ledger, kind.facts(intent, dna), new Set([...cuesOf(kind), ...cuesOf(current)]));
  const reasoning = `Follow-up of the thread's last answer: ${kind.reasoning(intent)}`;
  if (accounting.leftover.length > 0) {
    const prefix = `I read this as a follow-up of "${kind.title(previous.intent)}", but `;
    const found = { dna, reading, best: { kind, intent, accounting }, complete: false, leftover: accounting.leftover };
    return clarifyPlan(question, found, prefix);
  }
  return toPlan(question, dna, kind, intent, { chart, reasoning });
}

/** What a follow-up changes: conditions, then a measure or an aggregation, then a grouping. */
function changesOf(reading: ReturnType<typeof readQuestion>): FollowUpChange[] {
  const changes: FollowUpChange[] = reading.filters.map((filter) => ({ change: "filter", filter }));
  const measure = reading.measures[0];
  if (measure) changes.push({ change: "measure", column: measure });
  if (reading.agg && reading.agg !== "count") changes.push({ change: "agg", agg: reading.agg });
  if (reading.group) changes.push({ change: "group", key: reading.group });
  return changes;
}

/**
 * "How does that compare to last year?": the latest year (the one asked about, else the last in the data) and
 * the year present before it.
 */
function yearOverYear(dna: DataDna, previous: BaseIntent): FollowUpChange[] | null {
  const asked = previous.filters.find((f) => f.kind === "year" && f.op === "=");
  const column = dna.columns.find((c) => c.name === (asked?.column ?? yearColumn(dna, [])?.name));
  if (!column) return null;
  const latest = asked?.kind === "year" ? asked.year : Number(column.time?.max.slice(0, 4) ?? column.numeric?.max);
  if (!Number.isFinite(latest)) return null;
  return [{ change: "year_over_year", column: column.name, latest }];
}
