// The answer's pieces as the orchestrator hands them out: the empty answer, the plan's event, the final responses
// (a question back, or the composed answer with its note), and the exchange the thread remembers.
import type { ChartType, VegaLiteSpec } from "../../charts/index.js";
import { displaySql } from "../../data/index.js";
import { type ClarifyPlan, hasSql, type Plan, provenanceNote } from "../../planner/index.js";
import type { FinalResponse, PipelineEvent } from "../events.js";
import type { Exchange } from "../remember.js";
import type { Answer, QuestionRequest } from "../types.js";
import type { ComposedAnswer } from "./compose.js";
import type { Executed } from "./execute.js";

export function emptyAnswer(): Answer {
  return {
    final: null,
    classification: null,
    result: null,
    sqlResult: null,
    pythonResult: null,
    chartPng: null,
    chartType: null,
    llmCalls: 0,
    provenance: null,
    offline: false,
    elapsedMs: 0,
    error: null,
  };
}

/** Records what the plan says about itself on the answer (for surfaces: classification, who planned it). */
export function notePlan(answer: Answer, plan: Plan): void {
  answer.classification = plan.classification;
  answer.provenance = plan.provenance;
  answer.offline = plan.provenance.fallback !== null;
}

export function orchestratorEvent(plan: Plan): PipelineEvent {
  const columns = plan.classification === "CLARIFY" ? [] : plan.columns;
  return {
    type: "orchestrator_result",
    data: { classification: plan.classification, reasoning: plan.reasoning, columns_needed: columns },
  };
}

export function clarifyResponse(plan: ClarifyPlan): FinalResponse {
  const note = provenanceNote(plan.provenance);
  return {
    text: note ? `${plan.message}\n_${note}_` : plan.message,
    metrics: {},
    chart_spec: null,
    follow_ups: plan.rephrasings.slice(0, 3),
    sql: null,
    code: null,
    grounded: true,
  };
}

export function finalResponse(run: Executed, composed: ComposedAnswer, spec: VegaLiteSpec | null): FinalResponse {
  const note = provenanceNote(run.plan.provenance);
  return {
    text: note ? `${composed.text}\n_${note}_` : composed.text,
    metrics: composed.metrics,
    chart_spec: (spec as Record<string, unknown> | null) ?? null,
    follow_ups: composed.followUps,
    sql: run.sql && hasSql(run.plan) ? displaySql(run.plan.sql) : null,
    code: run.python?.code ?? null,
    grounded: composed.grounded,
  };
}

const MARKS: Record<string, ChartType> = {
  bar: "bar",
  line: "line",
  area: "area",
  point: "scatter",
  circle: "scatter",
  arc: "pie",
  rect: "heatmap",
};

/** The kind of chart a spec draws, from its (first layer's) mark; a histogram is a bar over bins. */
export function chartTypeOf(spec: VegaLiteSpec | null): ChartType | null {
  if (!spec) return null;
  const node = spec as { mark?: unknown; layer?: Array<{ mark?: unknown }>; encoding?: { x?: { bin?: unknown } } };
  const mark = node.mark ?? node.layer?.[0]?.mark;
  const name = typeof mark === "string" ? mark : ((mark as { type?: unknown } | undefined)?.type ?? "");
  const type = MARKS[String(name)] ?? null;
  return type === "bar" && node.encoding?.x?.bin ? "histogram" : type;
}

export function exchangeOf(request: QuestionRequest, plan: Plan, text: string, final: FinalResponse): Exchange {
  return {
    question: request.question,
    answer: text,
    sql: final.sql,
    code: final.code,
    table: plan.classification === "CLARIFY" ? null : (plan.tables[0] ?? null),
    classification: plan.classification,
    grounded: final.grounded,
    turn: plan.classification === "CLARIFY" ? null : plan.turn,
    ...(request.userId ? { userId: request.userId } : {}),
  };
}
