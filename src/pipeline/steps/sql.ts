// Step 3: one run of a plan's SQL on the channel's locked-down DuckDB; a failure is returned for the planner to repair.
import { displaySql, type QueryResult, type SqlQuery } from "../../data/index.js";
import { errorMessage, InsightError, UserInputError } from "../../util/index.js";
import type { PipelineEvent } from "../events.js";
import type { PipelineDeps, QuestionRequest } from "../types.js";

export type SqlRun = { ok: true; result: QueryResult } | { ok: false; error: string; timedOut: boolean };

export async function runSql(deps: PipelineDeps, request: QuestionRequest, query: SqlQuery): Promise<SqlRun> {
  try {
    return { ok: true, result: await deps.engine.query(request.ref, query) };
  } catch (error) {
    const timedOut = error instanceof InsightError && error.code === "sql_timeout";
    if (!(error instanceof InsightError)) deps.logger.warn({ err: error }, "sql attempt failed");
    return { ok: false, error: errorMessage(error), timedOut };
  }
}

/** The `sql_result` event: the query as people read it (values shown as literals), a preview and timing. */
export function sqlResultEvent(query: SqlQuery, result: QueryResult, attempt: number): PipelineEvent {
  return {
    type: "sql_result",
    data: {
      query: displaySql(query),
      rows: result.rowCount,
      columns: result.columns,
      preview: result.rows.slice(0, 10),
      elapsed_ms: Math.round(result.elapsedMs * 10) / 10,
      attempt,
    },
  };
}

export function sqlFailed(error: string): UserInputError {
  return new UserInputError("sql_failed", `I could not compute this: ${error}`, {
    hint: "Try naming the columns you mean, or ask a simpler question first.",
  });
}
