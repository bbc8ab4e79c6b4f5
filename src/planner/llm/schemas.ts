// What each agent must return, as zod schemas (the LLM client validates and repairs against them).
import { z } from "zod";
import { CHART_TYPES } from "../../charts/index.js";
import { CLASSIFICATIONS } from "../plan.js";

/** One call: the orchestrator's classification plus the first SQL (or Python for PY_ONLY). */
export const planSchema = z.object({
  classification: z.enum(CLASSIFICATIONS),
  reasoning: z.string().max(2000),
  columns_needed: z.array(z.string()).max(50),
  /** DuckDB SELECT for SQL_ONLY / SQL_THEN_PY. */
  sql: z.string().nullable(),
  /** For PY_ONLY: pandas code over `df` (the whole table named in `table`). */
  python: z.string().nullable(),
  /** The table a PY_ONLY analysis reads. */
  table: z.string().nullable(),
  /** For CLARIFY: the question back to the person. */
  clarification: z.string().nullable(),
  chart: z.object({ type: z.enum(CHART_TYPES), x: z.string().nullable(), y: z.string().nullable() }).nullable(),
});
export type ModelPlan = z.infer<typeof planSchema>;

export const sqlRepairSchema = z.object({ sql: z.string().min(1), reasoning: z.string().max(1000) });

export const pythonSchema = z.object({ code: z.string().min(1), reasoning: z.string().max(1000) });

export const composeSchema = z.object({
  text: z.string().min(1).max(3000),
  metrics: z.record(z.string(), z.union([z.number(), z.string()])),
  chart_spec: z.record(z.string(), z.unknown()).nullable(),
  follow_ups: z.array(z.string().min(3).max(150)).min(0).max(3),
});
export type Composition = z.infer<typeof composeSchema>;
