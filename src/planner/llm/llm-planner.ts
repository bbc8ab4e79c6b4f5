// LlmPlanner: the model classifies and writes the first query (and, for SQL_THEN_PY, the Python) in one call,
// repairs failed SQL and Python from the engine's whole error, heals a filter that found nothing, and composes the
// answer; every reply is schema-checked by the LLM client. All calls of one question share one deadline.
import { displaySql, textQuery } from "../../data/index.js";
import type { LlmClient } from "../../llm/index.js";
import { PlanUnusableError } from "../errors.js";
import type { ChartIntent, ExecutablePlan, Plan, Provenance, PythonPlan, TurnState } from "../plan.js";
import type { Composition, FrameSummary, PlanContext, Planner, PlanResults, StepFailure } from "../planner.js";
import type { TurnLog } from "../turn-log.js";
import { knownValuesNote } from "./known-values.js";
import { callModel, type ModelCall } from "./model-calls.js";
import { composePrompt, planPrompt, pythonPrompt, sqlRepairPrompt } from "./prompt-parts.js";
import { COMPOSE_SYSTEM, PLAN_SYSTEM, PYTHON_SYSTEM, SQL_REPAIR_SYSTEM } from "./prompts.js";
import { columnsUsedBy } from "./python-columns.js";
import { composeSchema, type ModelPlan, planSchema, pythonSchema, sqlRepairSchema } from "./schemas.js";
import { cleanModelSql, fixFilterValues } from "./sql-cleanup.js";

/** Attempts of a step, the first included, before the model's repairs count as exhausted. */
export const MAX_SQL_ATTEMPTS = 3;
export const MAX_PYTHON_ATTEMPTS = 3;

export interface LlmPlannerOptions {
  /** Time for every model call of one question together (LLM_QUESTION_DEADLINE_MS). @defaultValue 45000 */
  questionDeadlineMs?: number;
  /** Today, for the prompts. @defaultValue the system clock */
  today?: () => Date;
}

/** What this planner keeps of its own plans between turns (and reads back for the composer). */
interface LlmTurn {
  classification: string;
  sql: string | null;
  python: string | null;
  assumptions: string | null;
}

export class LlmPlanner implements Planner {
  readonly name = "llm";
  readonly #deadlineMs: number;
  readonly #today: () => Date;
  /** Each question's deadline, from its first model call. */
  readonly #deadlines = new WeakMap<TurnLog, { at: number; ms: number }>();

  constructor(
    private readonly client: LlmClient,
    options: LlmPlannerOptions = {},
  ) {
    this.#deadlineMs = options.questionDeadlineMs ?? 45_000;
    this.#today = options.today ?? (() => new Date());
  }

  get available(): boolean {
    return this.client.available;
  }

  async plan(question: string, context: PlanContext): Promise<Plan> {
    const reply = await this.#call(context, {
      schemaName: "orchestrator_plan",
      schema: planSchema,
      system: PLAN_SYSTEM,
      messages: [{ role: "user", content: planPrompt(question, context, this.#today()) }],
    });
    return toPlan(question, reply, context);
  }

  async writePython(plan: PythonPlan, frame: FrameSummary, context: PlanContext): Promise<ExecutablePlan> {
    const code = await this.#code(plan.question, frame, null, context);
    return withPython(plan, code, context);
  }

  async repair(plan: ExecutablePlan, failure: StepFailure, context: PlanContext): Promise<ExecutablePlan | null> {
    if (failure.step === "python") {
      if (failure.attempt >= MAX_PYTHON_ATTEMPTS || plan.classification === "SQL_ONLY") return null;
      return withPython(plan, await this.#code(plan.question, failure.frame, failure, context), context);
    }
    if (plan.classification === "PY_ONLY") return null;
    if (failure.step === "sql" && (failure.attempt >= MAX_SQL_ATTEMPTS || failure.timedOut)) return null;
    let values: string | null = null;
    let error: string;
    if (failure.step === "empty") {
      values = knownValuesNote(failure.sql, context.tables);
      // Nothing filtered on a column with known values: the empty result stands.
      if (values === null) return null;
      error = `The query ran and returned ${failure.rows === 0 ? "no rows" : "only NULL values"}.`;
    } else {
      error = failure.error;
    }
    const repaired = await this.#call(context, {
      schemaName: "sql_repair",
      schema: sqlRepairSchema,
      system: SQL_REPAIR_SYSTEM,
      messages: [
        {
          role: "user",
          content: sqlRepairPrompt(plan.question, context, { sql: failure.sql, error }, values, this.#today()),
        },
      ],
    });
    const text = preparedSql(repaired.sql, context);
    if (failure.step === "empty" && sameSql(text, failure.sql)) return null;
    const sql = textQuery(text);
    const state = llmStateOf(plan.turn);
    return { ...plan, sql, turn: llmTurn({ ...state, classification: plan.classification, sql: displaySql(sql) }) };
  }

  async compose(plan: ExecutablePlan, results: PlanResults, context: PlanContext, problems?: string[]) {
    const assumptions = llmStateOf(plan.turn).assumptions;
    const draft = await this.#call(context, {
      schemaName: "composition",
      schema: composeSchema,
      system: COMPOSE_SYSTEM,
      messages: [{ role: "user", content: composePrompt(plan, results, context, assumptions, problems) }],
    });
    const composition: Composition = {
      text: draft.text,
      metrics: Object.fromEntries(draft.metrics.filter((m) => m.name.trim() !== "").map((m) => [m.name, m.value])),
      chartSpec: null,
      followUps: draft.follow_ups.map((q) => q.trim()).filter((q) => q.length >= 3),
    };
    return composition;
  }

  async #code(question: string, frame: FrameSummary, failed: StepFailure | null, context: PlanContext) {
    const reply = await this.#call(context, {
      schemaName: "python_code",
      schema: pythonSchema,
      system: PYTHON_SYSTEM,
      messages: [{ role: "user", content: pythonPrompt(question, frame, failed) }],
    });
    return reply.code;
  }

  #call<T>(context: PlanContext, request: ModelCall<T>): Promise<T> {
    let deadline = this.#deadlines.get(context.log);
    if (!deadline) {
      deadline = { at: Date.now() + this.#deadlineMs, ms: this.#deadlineMs };
      this.#deadlines.set(context.log, deadline);
    }
    return callModel(this.client, context.log, request, deadline);
  }
}

const PROVENANCE: Provenance = { planner: "llm", fallback: null };

function llmTurn(state: LlmTurn): TurnState {
  return { by: "llm", version: 1, state };
}

function llmStateOf(turn: TurnState | null): LlmTurn {
  const state = (turn?.by === "llm" ? turn.state : null) as Partial<LlmTurn> | null;
  return {
    classification: state?.classification ?? "",
    sql: state?.sql ?? null,
    python: state?.python ?? null,
    assumptions: state?.assumptions ?? null,
  };
}

/** The model's SQL cleaned (fences, backticks, MySQL paging) and its filter values spelled as in the data. */
function preparedSql(raw: string, context: PlanContext): string {
  return fixFilterValues(cleanModelSql(raw), context.tables).sql;
}

const sameSql = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/** The plan with new code; a PY_ONLY plan also loads every column the new code reads. */
function withPython(plan: PythonPlan, code: string, context: PlanContext): ExecutablePlan {
  const state = llmStateOf(plan.turn);
  const turn = llmTurn({ ...state, classification: plan.classification, python: code });
  if (plan.classification !== "PY_ONLY") return { ...plan, python: code, turn };
  return { ...plan, python: code, source: sourceFor(plan.source.table, plan.columns, code, context), turn };
}

/** What PY_ONLY reads: the named columns plus every column the code uses; the whole table when unsure. */
function sourceFor(table: string, named: string[], code: string | null, context: PlanContext) {
  const known = context.tables.find((t) => t.table === table)?.columns.map((c) => c.name) ?? [];
  if (code === null) return { table, columns: null };
  const wanted = new Set([...named.filter((name) => known.includes(name)), ...columnsUsedBy(code, known)]);
  const columns = known.filter((name) => wanted.has(name));
  return { table, columns: columns.length > 0 ? columns : null };
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
      rephrasings: (reply.rephrasings ?? []).map((q) => q.trim()).filter((q) => q.length >= 3),
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
  const python = reply.python?.trim() ? reply.python : null;
  const assumptions = reply.assumptions?.trim() || null;
  if (reply.classification === "PY_ONLY") {
    const named = reply.table ?? names[0];
    const table =
      names.find((name) => name === named) ?? names.find((name) => name.toLowerCase() === named?.toLowerCase());
    if (!table) throw new PlanUnusableError("PY_ONLY names no table of this channel");
    return {
      ...answered,
      classification: "PY_ONLY",
      tables: [table],
      source: sourceFor(table, reply.columns_needed, python, context),
      python,
      turn: llmTurn({ classification: "PY_ONLY", sql: null, python, assumptions }),
    };
  }
  if (!reply.sql?.trim()) throw new PlanUnusableError(`${reply.classification} without SQL`);
  const text = preparedSql(reply.sql, context);
  if (text === "") throw new PlanUnusableError(`${reply.classification} without SQL`);
  const sql = textQuery(text);
  const tables = names.filter((name) => mentionsTable(text, name));
  const turn = llmTurn({ classification: reply.classification, sql: text, python, assumptions });
  return reply.classification === "SQL_ONLY"
    ? { ...answered, classification: "SQL_ONLY", tables, sql, turn }
    : { ...answered, classification: "SQL_THEN_PY", tables, sql, python, turn };
}

/** Whether SQL text names a table, bare or double-quoted (only to record which tables a plan reads). */
function mentionsTable(sql: string, table: string): boolean {
  const quoted = `"${table.replaceAll('"', '""')}"`;
  if (sql.includes(quoted)) return true;
  const bare = table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_"])${bare}($|[^A-Za-z0-9_"])`, "i").test(sql);
}
