// Steps 3-4: run the plan's SQL, then its Python over the result (or over the table); after a failure the planner
// offers the plan to try next (self-heal) until it has none left. A query that already ran is not run again; a
// filtered query that found nothing is offered for healing once; Python that cannot be written or fixed after a
// good SQL result leaves the answer to the SQL result.
import { build, displaySql, ident, type QueryResult, type SqlQuery, STAR, select } from "../../data/index.js";
import {
  type ExecutablePlan,
  hasPython,
  hasSql,
  type Planner,
  type PlanResults,
  type PyOnlyPlan,
} from "../../planner/index.js";
import type { Frame } from "../../sandbox/index.js";
import { errorMessage, UserInputError } from "../../util/index.js";
import { type PipelineEvent, statusEvent } from "../events.js";
import type { PipelineDeps, QuestionContext, QuestionRequest } from "../types.js";
import { frameFromColumns, frameFromQuery, tableFromPython, tableFromQuery } from "./frames.js";
import { describeFrame, type PythonOutcome, pythonFailed, pythonResultEvent, runPython } from "./python.js";
import { foundNothing, runSql, sqlFailed, sqlResultEvent } from "./sql.js";

export interface Executed {
  /** The plan that ran in the end (repaired, or the fallback's). */
  plan: ExecutablePlan;
  sql: QueryResult | null;
  python: PythonOutcome | null;
  results: PlanResults;
}

/** Plans, repairs and writes together never take more rounds than this, whatever a planner offers. */
const MAX_ROUNDS = 12;

const keyOf = (query: SqlQuery) => JSON.stringify(query);

export async function* execute(
  deps: PipelineDeps,
  planner: Planner,
  first: ExecutablePlan,
  context: QuestionContext,
  request: QuestionRequest,
): AsyncGenerator<PipelineEvent, Executed> {
  let plan = first;
  let ran = null as { key: string; result: QueryResult } | null;
  let frame = null as { key: string; frame: Frame } | null;
  const attempts = { sql: 0, python: 0 };
  let emptyHealed = false;
  const announced = new Set<string>();
  const announce = function* (stages: Array<"sql_generation" | "sql_execution" | "python_execution">) {
    for (const stage of stages) {
      if (announced.has(stage)) continue;
      announced.add(stage);
      yield statusEvent(stage);
    }
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (!hasSql(plan)) ran = null;
    else if (ran?.key !== keyOf(plan.sql)) {
      yield* announce(["sql_generation", "sql_execution"]);
      attempts.sql += 1;
      const run = await runSql(deps, request, plan.sql);
      if (!run.ok) {
        const failure = { step: "sql" as const, sql: displaySql(plan.sql), error: run.detail, attempt: attempts.sql };
        const next = await planner.repair(plan, { ...failure, timedOut: run.timedOut }, context);
        yield* drain(context);
        if (!next) throw sqlFailed(run.error);
        plan = next;
        continue;
      }
      ran = { key: keyOf(plan.sql), result: run.result };
      yield sqlResultEvent(plan.sql, run.result, attempts.sql);
      if (!emptyHealed && foundNothing(run.result)) {
        emptyHealed = true;
        const empty = {
          step: "empty" as const,
          sql: displaySql(plan.sql),
          attempt: attempts.sql,
          rows: run.result.rowCount,
        };
        const next = await planner.repair(plan, empty, context);
        yield* drain(context);
        if (next) {
          plan = next;
          continue;
        }
      }
    }
    if (!hasPython(plan)) return done(plan, ran?.result ?? null, null);
    yield* announce(["python_execution"]);
    const source = ran ? `sql:${ran.key}` : `table:${JSON.stringify(sourceOf(plan as PyOnlyPlan))}`;
    if (frame?.key !== source) {
      const read = ran ? frameFromQuery(ran.result) : await readSource(deps, request, plan as PyOnlyPlan);
      frame = { key: source, frame: read };
    }
    if (plan.python === null) {
      try {
        plan = await planner.writePython(plan, describeFrame(frame.frame), context);
      } catch (error) {
        if (!ran) throw error;
        yield* drain(context);
        return fromSqlAlone(plan, ran.result, errorMessage(error));
      }
      yield* drain(context);
      continue;
    }
    attempts.python += 1;
    const run = await runPython(deps, plan.python, frame.frame);
    if (!run.ok) {
      const failure = { step: "python" as const, code: plan.python, error: run.error, attempt: attempts.python };
      const next = await planner.repair(plan, { ...failure, frame: describeFrame(frame.frame) }, context);
      yield* drain(context);
      if (!next) {
        if (ran) return fromSqlAlone(plan, ran.result, pythonFailed(run.error).message);
        throw pythonFailed(run.error);
      }
      plan = next;
      continue;
    }
    yield pythonResultEvent(run.outcome, attempts.python);
    return done(plan, ran?.result ?? null, run.outcome);
  }
  throw new UserInputError("plan_loop", "I could not settle on a way to compute this.", {
    hint: "Rephrase the question naming the columns you mean.",
  });
}

function done(plan: ExecutablePlan, sql: QueryResult | null, python: PythonOutcome | null): Executed {
  const sqlTable = sql ? tableFromQuery(sql) : null;
  const table = (python ? tableFromPython(python.result) : null) ?? sqlTable;
  return { plan, sql, python, results: { sql: sqlTable, python: python?.result ?? null, table } };
}

/** The SQL result answers alone; the composer is told the analysis could not run, and why. */
function fromSqlAlone(plan: ExecutablePlan, sql: QueryResult, problem: string): Executed {
  const table = tableFromQuery(sql);
  return { plan, sql, python: null, results: { sql: table, python: { analysis_failed: problem }, table } };
}

/** PY_ONLY reads the table, only the columns the plan names when it names them (3M rows × 40 columns is heavy). */
function sourceOf(plan: PyOnlyPlan): SqlQuery {
  const columns = plan.source.columns?.map((name) => ident(name)) ?? [STAR];
  return build(select({ select: columns, from: ident(plan.source.table) }));
}

async function readSource(deps: PipelineDeps, request: QuestionRequest, plan: PyOnlyPlan): Promise<Frame> {
  return frameFromColumns(await deps.engine.readColumns(request.ref, { sql: sourceOf(plan) }));
}

/** Key rotations the planners' model calls produced, as events. */
export function* drain(context: QuestionContext): Generator<PipelineEvent> {
  for (const event of context.log.drain()) yield event;
}
