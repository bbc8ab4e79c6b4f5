// Step 5: write the answer — composer (LLM) or the offline composer — then check every number against the results.
import type { ResultTable } from "../../charts/index.js";
import { composeOffline, LlmInvalidOutputError, LlmRequestError, LlmUnavailableError } from "../../llm/index.js";
import type { LlmSession } from "../agents/llm-calls.js";
import { COMPOSE_SYSTEM, data } from "../agents/prompts.js";
import { type Composition, composeSchema } from "../agents/schemas.js";
import { checkMetrics, checkText, collectNumbers, removeUngrounded } from "../grounding.js";
import type { PlanOutcome } from "./plan.js";

export interface ComposeInput {
  question: string;
  plan: PlanOutcome;
  sqlTable: ResultTable | null;
  pythonResult: unknown;
  /** The table the answer rests on. */
  table: ResultTable | null;
}

export interface ComposedAnswer {
  text: string;
  metrics: Record<string, number | string>;
  chartSpec: Record<string, unknown> | null;
  followUps: string[];
  grounded: boolean;
}

/** Numbers the answer may use: every value computed, the question's own numbers, and row counts. */
export function knownNumbers(input: ComposeInput): number[] {
  const known = collectNumbers([input.sqlTable?.rows ?? [], input.pythonResult ?? null, input.question]);
  if (input.sqlTable) known.push(input.sqlTable.rows.length);
  if (input.table) known.push(input.table.rows.length);
  return known;
}

export async function compose(input: ComposeInput, llm: LlmSession | null): Promise<ComposedAnswer> {
  const known = knownNumbers(input);
  if (llm && llm.client.available && input.plan.offline === null) {
    try {
      let draft = await llm.call("composition", composeSchema, COMPOSE_SYSTEM, [
        { role: "user", content: composePrompt(input, null) },
      ]);
      let report = groundingOf(draft, known);
      if (!report.grounded) {
        draft = await llm.call("composition", composeSchema, COMPOSE_SYSTEM, [
          { role: "user", content: composePrompt(input, report.problems) },
        ]);
        report = groundingOf(draft, known);
      }
      return finish(draft, known, report.grounded);
    } catch (error) {
      if (
        !(
          error instanceof LlmUnavailableError ||
          error instanceof LlmRequestError ||
          error instanceof LlmInvalidOutputError
        )
      )
        throw error;
    }
  }
  return composeWithoutModel(input, known);
}

function composeWithoutModel(input: ComposeInput, known: number[]): ComposedAnswer {
  const table = input.sqlTable ?? input.table ?? { columns: [], rows: [] };
  if (input.plan.offline && input.plan.offline.classification !== "CLARIFY") {
    const offline = composeOffline(
      input.plan.offline,
      { columns: table.columns, rows: table.rows },
      input.pythonResult,
    );
    const draft: Composition = {
      text: offline.text,
      metrics: offline.metrics,
      chart_spec: null,
      follow_ups: offline.followUps,
    };
    return finish(draft, known, groundingOf(draft, known).grounded);
  }
  const rows = table.rows.length;
  const text = rows === 0 ? "The query returned no rows." : `Here is the result (${rows} row${rows === 1 ? "" : "s"}).`;
  return { text, metrics: {}, chartSpec: null, followUps: [], grounded: true };
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
  return { text, metrics, chartSpec: draft.chart_spec, followUps: draft.follow_ups.slice(0, 3), grounded };
}

function composePrompt(input: ComposeInput, problems: string[] | null): string {
  const table = input.table ?? input.sqlTable;
  const preview = table
    ? JSON.stringify({ columns: table.columns, rows: table.rows.slice(0, 30), total_rows: table.rows.length })
    : "null";
  const parts = [
    `Question:\n${data("question", input.question)}`,
    `Classification: ${input.plan.classification}`,
    `Result table:\n${data("result", preview.slice(0, 6000))}`,
  ];
  if (input.pythonResult !== null && input.pythonResult !== undefined) {
    parts.push(`Python analysis:\n${data("python", JSON.stringify(input.pythonResult).slice(0, 4000))}`);
  }
  if (problems)
    parts.push(
      `Your previous answer used numbers not in the results: ${problems.join(", ")}. Use only numbers from the results.`,
    );
  return parts.join("\n\n");
}
