// Step 5: the planner writes the answer; placeholders are filled from the results, every number left is checked
// against them, written once more with the problems named when some are not, and whatever is still unsupported
// is removed.
import type { Composition, ExecutablePlan, Planner, PlanResults } from "../../planner/index.js";
import { checkMetrics, checkText, collectNumbers, removeUngrounded } from "../grounding.js";
import { fillPlaceholders } from "../placeholders.js";
import type { QuestionContext } from "../types.js";

export interface ComposedAnswer {
  text: string;
  metrics: Record<string, number | string>;
  chartSpec: Record<string, unknown> | null;
  followUps: string[];
  grounded: boolean;
}

/** Numbers the answer may use: every value computed, the question's own numbers, and row counts. */
export function knownNumbers(question: string, results: PlanResults): number[] {
  const known = collectNumbers([results.sql?.rows ?? [], results.python ?? null, question]);
  if (results.sql) known.push(results.sql.rows.length);
  if (results.table) known.push(results.table.rows.length);
  return known;
}

/** Numbers a difference or ratio may be made of: the computed values only (not the question's, not row counts). */
function derivableNumbers(results: PlanResults): number[] {
  return collectNumbers([results.table?.rows.slice(0, 50) ?? [], results.python ?? null]);
}

interface Draft extends Composition {
  /** Numbers the filled placeholders stand for. */
  derived: number[];
  unresolved: string[];
}

export async function composeAnswer(
  planner: Planner,
  plan: ExecutablePlan,
  results: PlanResults,
  context: QuestionContext,
): Promise<ComposedAnswer> {
  const known = knownNumbers(plan.question, results);
  const derivable = derivableNumbers(results);
  let draft = filled(await planner.compose(plan, results, context), results);
  let report = groundingOf(draft, known, derivable);
  if (!report.grounded) {
    draft = filled(await planner.compose(plan, results, context, report.problems), results);
    report = groundingOf(draft, known, derivable);
  }
  return finish(draft, [...known, ...draft.derived], derivable, report.grounded);
}

/** The composition with its placeholders filled, in the text and in the metrics. */
function filled(draft: Composition, results: PlanResults): Draft {
  const text = fillPlaceholders(draft.text, results);
  const derived = [...text.derived];
  const unresolved = [...text.unresolved];
  const metrics: Record<string, number | string> = {};
  for (const [name, value] of Object.entries(draft.metrics)) {
    if (typeof value !== "string" || !value.includes("{{")) {
      metrics[name] = value;
      continue;
    }
    const metric = fillPlaceholders(value, results);
    derived.push(...metric.derived);
    if (metric.unresolved.length > 0) unresolved.push(...metric.unresolved);
    else metrics[name] = metric.text;
  }
  return { ...draft, text: text.text, metrics, derived, unresolved };
}

function groundingOf(draft: Draft, known: number[], derivable: number[]): { grounded: boolean; problems: string[] } {
  const all = [...known, ...draft.derived];
  const text = checkText(draft.text, all, derivable);
  const metrics = checkMetrics(draft.metrics, all);
  const problems = [
    ...draft.unresolved.map((p) => `${p} names no result`),
    ...text.ungrounded.map((m) => `"${m.text}" in the text is not in the results`),
    ...metrics.map((k) => `metric ${k} is not in the results`),
  ];
  return { grounded: problems.length === 0, problems };
}

/** Ungrounded numbers are removed: sentences from the text, entries from the metrics. */
function finish(draft: Draft, known: number[], derivable: number[], grounded: boolean): ComposedAnswer {
  const badMetrics = new Set(checkMetrics(draft.metrics, known));
  const metrics = Object.fromEntries(Object.entries(draft.metrics).filter(([key]) => !badMetrics.has(key)));
  const text = grounded
    ? draft.text
    : removeUngrounded(draft.text, known, derivable) || "Here is what the data shows (see the table).";
  return { text, metrics, chartSpec: draft.chartSpec, followUps: draft.followUps.slice(0, 3), grounded };
}
