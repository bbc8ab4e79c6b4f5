// The Planner seam: plan a question against a context, repair a failed step, compose the answer from results.
import type { ResultTable } from "../charts/index.js";
import type { DataDna } from "../data/index.js";
import type { ExecutablePlan, Plan, PythonPlan, TurnState } from "./plan.js";
import type { TurnLog } from "./turn-log.js";

/** An earlier answered turn of the thread, newest last. */
export interface PriorTurn {
  question: string;
  answer: string;
  /** The SQL as shown to people, when the turn ran one. */
  sql: string | null;
  table: string | null;
  /** The plan's turn state, when it was stored. */
  turn: TurnState | null;
}

/** What a planner may know about one question. */
export interface PlanContext {
  /** Data DNA of the channel's current tables. */
  tables: DataDna[];
  history: PriorTurn[];
  /** Findings the channel accumulated, bounded. */
  insights: string[];
  /** Where this question's model calls and key rotations are counted. */
  log: TurnLog;
}

/** What the Python step reads as `df`, described for a model that writes code over it. */
export interface FrameSummary {
  rows: number;
  columns: Array<{ name: string; type: string }>;
  /** A few first rows as JSON text. */
  head: string[];
}

/**
 * A step that failed: which one, what ran, what the engine or worker said, and which attempt it was. `empty` is a
 * filtered query that ran but found no rows (or only NULLs): healed once, in case a filter value is misspelled.
 */
export type StepFailure =
  | { step: "sql"; sql: string; error: string; attempt: number; timedOut: boolean }
  | { step: "empty"; sql: string; attempt: number; rows: number }
  | { step: "python"; code: string; error: string; attempt: number; frame: FrameSummary };

/** What the steps computed. */
export interface PlanResults {
  sql: ResultTable | null;
  python: unknown;
  /** The table the answer rests on: Python's table when it returned one, else the SQL result. */
  table: ResultTable | null;
}

/** The answer's words: text, key figures, an optional chart proposal and follow-ups. */
export interface Composition {
  text: string;
  metrics: Record<string, number | string>;
  /** A Vega-Lite spec a model proposed; validated before use. */
  chartSpec: Record<string, unknown> | null;
  followUps: string[];
}

export interface Planner {
  /** Names the planner in a plan's provenance ("llm", "rules"). */
  readonly name: string;
  /** False when the planner cannot answer at all (no model key); the fallback answers instead. */
  readonly available: boolean;
  /** A plan for the question: SQL and/or Python to run, or CLARIFY with what was understood. */
  plan(question: string, context: PlanContext): Promise<Plan>;
  /** The plan with its Python written over the frame it will read (for plans that left it unwritten). */
  writePython(plan: PythonPlan, frame: FrameSummary, context: PlanContext): Promise<ExecutablePlan>;
  /** After a failed step, the plan to try next (repaired SQL or code); null when this planner has no repair left. */
  repair(plan: ExecutablePlan, failure: StepFailure, context: PlanContext): Promise<ExecutablePlan | null>;
  /**
   * The answer from the computed results. `problems` lists numbers of a previous composition that the results
   * did not support; a planner that can write again uses only what the results hold.
   */
  compose(plan: ExecutablePlan, results: PlanResults, context: PlanContext, problems?: string[]): Promise<Composition>;
}
