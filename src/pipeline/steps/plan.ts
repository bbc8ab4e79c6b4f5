// Step 2: classify and draft the query — one LLM call, or the offline planner when no key can answer.
import type { ChartType } from "../../charts/index.js";
import { renderDnaCompact } from "../../data/index.js";
import {
  LlmInvalidOutputError,
  LlmRequestError,
  LlmUnavailableError,
  type OfflinePlan,
  planOffline,
} from "../../llm/index.js";
import type { LlmSession } from "../agents/llm-calls.js";
import { data, PLAN_SYSTEM } from "../agents/prompts.js";
import { planSchema } from "../agents/schemas.js";
import type { Classification } from "../events.js";
import type { QuestionContext } from "../types.js";

export interface PlanOutcome {
  classification: Classification;
  reasoning: string;
  columnsNeeded: string[];
  sql: string | null;
  python: string | null;
  /** The table Python reads when there is no SQL step. */
  table: string | null;
  /** CLARIFY: what to ask back, and rephrasings to offer. */
  clarification: string | null;
  suggestions: string[];
  chart: { type: ChartType; x?: string; y?: string; color?: string } | null;
  /** Set when the offline planner made this plan. */
  offline: OfflinePlan | null;
  /** Why the offline planner answered although keys are configured. */
  offlineReason: string | null;
}

export async function makePlan(question: string, context: QuestionContext, llm: LlmSession): Promise<PlanOutcome> {
  if (!llm.client.available) return offlinePlan(question, context, null);
  try {
    const plan = await llm.call("orchestrator_plan", planSchema, PLAN_SYSTEM, [
      { role: "user", content: planPrompt(question, context) },
    ]);
    return {
      classification: plan.classification,
      reasoning: plan.reasoning,
      columnsNeeded: plan.columns_needed,
      sql: plan.sql,
      python: plan.python,
      table: plan.table,
      clarification: plan.clarification,
      suggestions: [],
      chart: plan.chart
        ? {
            type: plan.chart.type,
            ...(plan.chart.x ? { x: plan.chart.x } : {}),
            ...(plan.chart.y ? { y: plan.chart.y } : {}),
          }
        : null,
      offline: null,
      offlineReason: null,
    };
  } catch (error) {
    if (error instanceof LlmUnavailableError) return offlinePlan(question, context, error.message);
    if (error instanceof LlmRequestError || error instanceof LlmInvalidOutputError) {
      return offlinePlan(question, context, `the AI model failed (${error.code})`);
    }
    throw error;
  }
}

function offlinePlan(question: string, context: QuestionContext, reason: string | null): PlanOutcome {
  const plan = planOffline(question, {
    tables: context.tables,
    history: context.history.map((turn) => ({
      question: turn.question,
      sql: turn.sql,
      table: turn.table,
      answer: turn.answer,
    })),
  });
  if (plan.classification === "CLARIFY") {
    return {
      classification: "CLARIFY",
      reasoning: plan.reasoning,
      columnsNeeded: [],
      sql: null,
      python: null,
      table: null,
      clarification: plan.message,
      suggestions: plan.suggestions,
      chart: null,
      offline: plan,
      offlineReason: reason,
    };
  }
  return {
    classification: plan.classification,
    reasoning: plan.reasoning,
    columnsNeeded: plan.columnsNeeded,
    sql: plan.sql,
    python: plan.python,
    table: plan.table,
    clarification: null,
    suggestions: [],
    chart: plan.chart,
    offline: plan,
    offlineReason: reason,
  };
}

/** The planning prompt: schema, thread history and insights, bounded; the question as data. */
export function planPrompt(question: string, context: QuestionContext): string {
  const budget = Math.max(1500, Math.floor(9000 / context.tables.length));
  const schema = context.tables.map((dna) => renderDnaCompact(dna, budget)).join("\n\n");
  const parts = [`Tables:\n${schema}`];
  if (context.history.length > 0) {
    const turns = context.history
      .map((t) => `Q: ${t.question}\nA: ${t.answer}${t.sql ? `\nSQL: ${t.sql}` : ""}`)
      .join("\n\n");
    parts.push(`Earlier in this thread:\n${data("history", turns)}`);
  }
  if (context.insights.length > 0)
    parts.push(`What this channel learned before:\n${data("insights", context.insights.join("\n"))}`);
  parts.push(`Question:\n${data("question", question)}`);
  return parts.join("\n\n");
}
