// Step 5: the planner writes the answer; every number is checked against the results, written once more with
// the problems named when some are not, and whatever is still unsupported is removed.
import type { Composition, ExecutablePlan, Planner, PlanResults } from "../../planner/index.js";
import { checkMetrics, checkText, collectNumbers, removeUngrounded } from "../grounding.js";
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

export async function composeAnswer(
  planner: Planner,
  plan: ExecutablePlan,
  results: PlanResults,
  context: QuestionContext,
): Promise<ComposedAnswer> {
  const known = knownNumbers(plan.question, results);
  let draft = await planner.compose(plan, results, context);
  let report = groundingOf(draft, known);
  if (!report.grounded) {
    draft = await planner.compose(plan, results, context, report.problems);
    report = groundingOf(draft, known);
  }
  return finish(draft, known, report.grounded);
}

function groundingOf(draft: Composition, known: number[]): { grounded: boolean; problems: string[] } {
  const text = checkText(draft.text, known);
  const metrics = checkMetrics(draft.metrics, known);
  const problems = [...text.ungrounded.map((m) => `"${m.text}" in the text`), ...metrics.map((k) => `metric ${k}`)];
  return { grounded: problems.length === 0, problems };
}

/** Ungrounded numbers are removed: sentences from the text, entries from the metrics. */
function finish(draft: Composition, known: number[], grounded: boolean): ComposedAnswer {
  const badMetrics = new Set(checkMetrics(draft.metrics, known));
  const metrics = Object.fromEntries(Object.entries(draft.metrics).filter(([key]) => !badMetrics.has(key)));
  const text = grounded
    ? draft.text
    : removeUngrounded(draft.text, known) || "Here is what the data shows (see the table).";
  return { text, metrics, chartSpec: draft.chartSpec, followUps: draft.followUps.slice(0, 3), grounded };
}
