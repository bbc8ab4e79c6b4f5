// What each agent must return, built with the LLM layer's portable schema builder `s` (one JSON Schema every
// major OpenAI-compatible server accepts, strict-capable, plus a tolerant parser).
//
// Adding a field: add it to the object below with `s.*` (a field the model may not know goes in `s.nullable(…)`,
// with `dropInvalid: true` when a bad value should not cost the whole reply), then read it in `toPlan`.
// Never use a type list, a record/map, or length/count limits in the JSON Schema: bounds go in the parser
// (`max` cuts, it does not refuse). test/planner/llm/schemas.test.ts sends every schema through every provider
// profile of the fake server and fails on anything one of them refuses.
import { CHART_TYPES } from "../../charts/index.js";
import { type InferOutput, s } from "../../llm/index.js";
import { CLASSIFICATIONS } from "../plan.js";

export const chartSchema = s.object({
  type: s.enumOf(CHART_TYPES),
  x: s.nullable(s.string({ description: "result column on the x axis" })),
  y: s.nullable(s.string({ description: "result column on the y axis" })),
});

/** One call: the orchestrator's classification plus the first SQL and, for SQL_THEN_PY / PY_ONLY, the Python. */
export const planSchema = s.object({
  classification: s.enumOf(CLASSIFICATIONS),
  reasoning: s.string({ max: 2000 }),
  assumptions: s.nullable(
    s.string({ max: 600, description: "how an ambiguous part of the question was read, in a short clause" }),
  ),
  columns_needed: s.array(s.string(), { max: 50 }),
  /** DuckDB SELECT for SQL_ONLY / SQL_THEN_PY. */
  sql: s.nullable(s.string({ description: "one DuckDB SELECT (or WITH … SELECT)" })),
  /** pandas over `df`: the SQL result (SQL_THEN_PY) or the whole table named in `table` (PY_ONLY). */
  python: s.nullable(s.string({ description: "Python over df that assigns result" })),
  /** The table a PY_ONLY analysis reads. */
  table: s.nullable(s.string()),
  /** For CLARIFY: the question back to the person. */
  clarification: s.nullable(s.string({ max: 1000 })),
  /** For CLARIFY: two or three questions these tables can answer. */
  rephrasings: s.nullable(s.array(s.string({ max: 200 }), { max: 3, dropInvalid: true })),
  chart: s.nullable(chartSchema, { dropInvalid: true }),
});
export type ModelPlan = InferOutput<typeof planSchema>;

export const sqlRepairSchema = s.object({ sql: s.string(), reasoning: s.string({ max: 1000 }) });

export const pythonSchema = s.object({ code: s.string(), reasoning: s.string({ max: 1000 }) });

/** A key figure: metrics are a list of names and values (a map would need `propertyNames`, which Gemini refuses). */
export const metricSchema = s.object({ name: s.string({ max: 80 }), value: s.union(s.number(), s.string()) });

export const composeSchema = s.object({
  text: s.string({ max: 3000 }),
  metrics: s.array(metricSchema, { max: 6, dropInvalid: true }),
  follow_ups: s.array(s.string({ max: 150 }), { max: 3, dropInvalid: true }),
});
export type ModelComposition = InferOutput<typeof composeSchema>;
