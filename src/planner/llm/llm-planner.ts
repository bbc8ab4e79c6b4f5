// LlmPlanner: the model classifies and writes the first query in one call, repairs failed SQL and Python from the
// engine's error, and composes the answer; every reply is schema-checked by the LLM client.
import { displaySql, textQuery } from "../../data/index.js";
import type { LlmClient } from "../../llm/index.js";
import { PlanUnusableError } from "../errors.js";
import type { ChartIntent, ExecutablePlan, Plan, Provenance, PythonPlan, TurnState } from "../plan.js";
import type { Composition, FrameSummary, PlanContext, Planner, PlanResults, StepFailure } from "../planner.js";
import { callModel } from "./model-calls.js";
import { composePrompt, planPrompt, pythonPrompt, sqlRepairPrompt } from "./prompt-parts.js";
import { COMPOSE_SYSTEM, PLAN_SYSTEM, PYTHON_SYSTEM, SQL_REPAIR_SYSTEM } from "./prompts.js";
import { composeSchema, type ModelPlan, planSchema, pythonSchema, sqlRepairSchema } from "./schemas.js";

/** Attempts of a step, the first included, before the model's repairs count as exhausted. */
export const MAX_SQL_ATTEMPTS = 3;
export const MAX_PYTHON_ATTEMPTS = 3;

export class LlmPlanner implements Planner {
  readonly name = "llm";

  constructor(private readonly client: LlmClient) {}

  get available(): boolean {
    return this.client.available;
  }

  async plan(question: string, context: PlanContext): Promise<Plan> {
    const reply = await callModel(this.client, context.log, {
      schemaName: "orchestrator_plan",
      schema: planSchema,
      system: PLAN_SYSTEM,
      messages: [{ role: "user", content: planPrompt(question, context) }],
    });
    return toPlan(question, reply, context);
  }

  async writePython(plan: PythonPlan, frame: FrameSummary, context: PlanContext): Promise<ExecutablePlan> {
    return { ...plan, python: await this.#code(plan.question, frame, null, context) };
  }

  async repair(plan: ExecutablePlan, failure: StepFailure, context: PlanContext): Promise<ExecutablePlan | null> {
    if (failure.step === "python") {
      if (failure.attempt >= MAX_PYTHON_ATTEMPTS || plan.classification === "SQL_ONLY") return null;
      return { ...plan, python: await this.#code(plan.question, failure.frame, failure, context) };
    }
    if (failure.attempt >= MAX_SQL_ATTEMPTS || failure.timedOut || plan.classification === "PY_ONLY") return null;
    const repaired = await callModel(this.client, context.log, {
      schemaName: "sql_repair",
      schema: sqlRepairSchema,
      system: SQL_REPAIR_SYSTEM,
      messages: [{ role: "user", content: sqlRepairPrompt(plan.question, context, failure) }],
    });
    const sql = textQuery(repaired.sql);
    return { ...plan, sql, turn: llmTurn(plan.classification, displaySql(sql), null) };
  }

  async compose(plan: ExecutablePlan, results: PlanResults, context: PlanContext, problems?: string[]) {
    const draft = await callModel(this.client, context.log, {
      schemaName: "composition",
      schema: composeSchema,
      system: COMPOSE_SYSTEM,
      messages: [{ role: "user", content: composePrompt(plan, results, problems) }],
    });
    const composition: Composition = {
      text: draft.text,
      metrics: draft.metrics,
      chartSpec: draft.chart_spec,
      followUps: draft.follow_ups,
    };
    return composition;
  }

  async #code(question: string, frame: FrameSummary, failed: StepFailure | null, context: PlanContext) {
    const reply = await callModel(this.client, context.log, {
      schemaName: "python_code",
      schema: pythonSchema,
      system: PYTHON_SYSTEM,
      messages: [{ role: "user", content: pythonPrompt(question, frame, failed) }],
    });
    return reply.code;
  }
}

const PROVENANCE: Provenance = { planner: "llm", fallback: null };

function llmTurn(classification: string, sql: string | null, python: string | null): TurnState {
  return { by: "llm", version: 1, state: { classification, sql, python } };
}

/** The model's reply as a Plan; a reply that contradicts itself is unusable (the fallback answers). */
export function toPlan(question: string, reply: ModelPlan, context: PlanContext): Plan {
  const names = context.tables.map((t) => t.table);
  const base = { question, reasoning: reply.reasoning, provenance: PROVENANCE };
  if (reply.classification === "CLARIFY") {
    return {
      ...base,
      classification: "CLARIFY",
      tables: [],
      understood: [],
      missing: [],
      rephrasings: [],
      message: reply.clarification?.trim() || "Could you say which columns or values you mean?",
    };
  }
  const chart: ChartIntent = reply.chart
    ? {
        type: reply.chart.type,
        ...(reply.chart.x ? { x: reply.chart.x } : {}),
        ...(reply.chart.y ? { y: reply.chart.y } : {}),
      }
    : {};
  const answered = { ...base, columns: reply.columns_needed, title: question, chart, followUps: [] };
  if (reply.classification === "PY_ONLY") {
    const table = reply.table ?? names[0];
    if (!table || !names.includes(table)) throw new PlanUnusableError(`PY_ONLY names no table of this channel`);
    const known = new Set(context.tables.find((t) => t.table === table)?.columns.map((c) => c.name) ?? []);
    const wanted = [...new Set(reply.columns_needed)];
    const columns = wanted.length > 0 && wanted.every((name) => known.has(name)) ? wanted : null;
    return {
      ...answered,
      classification: "PY_ONLY",
      tables: [table],
      source: { table, columns },
      python: reply.python,
      turn: llmTurn("PY_ONLY", null, reply.python),
    };
  }
  if (!reply.sql?.trim()) throw new PlanUnusableError(`${reply.classification} without SQL`);
  const sql = textQuery(reply.sql);
  const tables = names.filter((name) => mentionsTable(reply.sql!, name));
  const turn = llmTurn(reply.classification, reply.sql, reply.python);
  return reply.classification === "SQL_ONLY"
    ? { ...answered, classification: "SQL_ONLY", tables, sql, turn }
    : { ...answered, classification: "SQL_THEN_PY", tables, sql, python: reply.python, turn };
}

/** Whether SQL text names a table, bare or double-quoted (only to record which tables a plan reads). */
function mentionsTable(sql: string, table: string): boolean {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  if (sql.includes(quoted)) return true;
  const bare = table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_"])${bare}($|[^A-Za-z0-9_"])`, "i").test(sql);
}
