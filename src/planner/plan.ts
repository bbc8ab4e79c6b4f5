// The Plan every later step reads: one discriminated union by classification, plain data from end to end.
import type { ChartType } from "../charts/index.js";
import type { SqlQuery } from "../data/index.js";

export const CLASSIFICATIONS = ["SQL_ONLY", "PY_ONLY", "SQL_THEN_PY", "CLARIFY"] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** What the chart should show; fields left out are chosen from the result's shape. */
export interface ChartIntent {
  type?: ChartType;
  /** Result column on the x axis (a key or label). */
  x?: string;
  /** Result column on the y axis (the value). */
  y?: string;
  /** Result column drawn as colour (a second grouping). */
  color?: string;
}

/** Why the fallback planner answered although a model is configured (or that none is). */
export type FallbackReason =
  | "no_model"
  | "keys_cooling_down"
  | "model_failed"
  | "model_output_unusable"
  | "repairs_exhausted";

/** Who made the plan and, when the fallback did, why. Read for the answer's note only, never to branch on. */
export interface Provenance {
  /** The planner's name, e.g. "llm" or "rules". */
  planner: string;
  fallback: { reason: FallbackReason; detail: string } | null;
}

/**
 * A planner's own serialisable state for this turn, stored with the answer; a follow-up in the thread is applied
 * to it. Only the planner named in `by` reads `state`.
 */
export interface TurnState {
  by: string;
  version: number;
  state: unknown;
}

/** Extension point (issue 11): another guarded query a chart needs, e.g. the scatter behind a correlation. */
export interface EvidenceQuery {
  /** What it shows, e.g. "the pairs behind the correlation". */
  purpose: string;
  sql: SqlQuery;
  chart: ChartIntent;
}

/** Extension point (issue 15): a channel glossary term the plan used, with what it stood for. */
export interface GlossaryTermUse {
  term: string;
  meaning: string;
}

interface PlanBase {
  /** The question this plan answers (a follow-up's own words). */
  question: string;
  reasoning: string;
  provenance: Provenance;
  /** Tables the plan reads. */
  tables: string[];
}

interface AnsweredPlan extends PlanBase {
  /** Columns the plan reads. */
  columns: string[];
  /** A short title for the chart and the answer. */
  title: string;
  /** The chart to draw; null when no chart fits (a table of statistics). */
  chart: ChartIntent | null;
  /** Questions to offer next, answerable from the same tables. */
  followUps: string[];
  evidence?: EvidenceQuery[];
  glossary?: GlossaryTermUse[];
  turn: TurnState | null;
}

export interface SqlOnlyPlan extends AnsweredPlan {
  classification: "SQL_ONLY";
  sql: SqlQuery;
}

export interface SqlThenPyPlan extends AnsweredPlan {
  classification: "SQL_THEN_PY";
  sql: SqlQuery;
  /** Python over `df`, the SQL result; null when it is written once the result is known. */
  python: string | null;
}

export interface PyOnlyPlan extends AnsweredPlan {
  classification: "PY_ONLY";
  /** What Python reads as `df`: a table, all its columns or only these. */
  source: { table: string; columns: string[] | null };
  python: string | null;
}

export interface ClarifyPlan extends PlanBase {
  classification: "CLARIFY";
  /** What was understood, in words ("average", "Director"). */
  understood: string[];
  /** The question's words that could not be placed. */
  missing: string[];
  /** Two or three questions these tables can answer, built from their real columns. */
  rephrasings: string[];
  /** The question back, as the person reads it. */
  message: string;
}

export type ExecutablePlan = SqlOnlyPlan | SqlThenPyPlan | PyOnlyPlan;
export type PythonPlan = SqlThenPyPlan | PyOnlyPlan;
export type Plan = ExecutablePlan | ClarifyPlan;

export const hasSql = (plan: ExecutablePlan): plan is SqlOnlyPlan | SqlThenPyPlan => plan.classification !== "PY_ONLY";
export const hasPython = (plan: ExecutablePlan): plan is PythonPlan => plan.classification !== "SQL_ONLY";

/** The line under an answer saying why the fallback planner answered; null when nothing needs saying. */
export function provenanceNote(provenance: Provenance): string | null {
  if (!provenance.fallback || provenance.fallback.reason === "no_model") return null;
  return `Answered by the offline planner: ${provenance.fallback.detail.replace(/[.\s]+$/, "")}.`;
}
