// Step 3: one run of a plan's SQL on the channel's locked-down DuckDB; a failure is returned for the planner to
// repair with DuckDB's whole message (candidate bindings, did-you-mean), and a result that found nothing is
// recognised so a filter can be healed once.
import { displaySql, type QueryResult, type SqlQuery } from "../../data/index.js";
import { errorMessage, InsightError, UserInputError } from "../../util/index.js";
import type { PipelineEvent } from "../events.js";
import type { PipelineDeps, QuestionRequest } from "../types.js";

export type SqlRun =
  | { ok: true; result: QueryResult }
  | {
      ok: false;
      /** What the person reads: the error's first line and a hint. */
      error: string;
      /** What the model reads: the engine's whole message. */
      detail: string;
      timedOut: boolean;
    };

/** The engine's whole message is long only for large candidate lists; past this it is cut. */
const MAX_DETAIL_CHARS = 4_000;

export async function runSql(deps: PipelineDeps, request: QuestionRequest, query: SqlQuery): Promise<SqlRun> {
  try {
    return { ok: true, result: await deps.engine.query(request.ref, query) };
  } catch (error) {
    const timedOut = error instanceof InsightError && error.code === "sql_timeout";
    if (!(error instanceof InsightError)) deps.logger.warn({ err: error }, "sql attempt failed");
    return { ok: false, error: errorMessage(error), detail: engineDetail(error), timedOut };
  }
}

/** The most detailed message in the error's cause chain: DuckDB's own text, all its lines. */
export function engineDetail(error: unknown): string {
  let best = error instanceof InsightError ? error.message : errorMessage(error);
  let current: unknown = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message.length > best.length || current.message.includes("\n")) best = current.message;
    current = current.cause;
  }
  return best.length > MAX_DETAIL_CHARS ? `${best.slice(0, MAX_DETAIL_CHARS)}…` : best;
}

/**
 * No rows, only NULLs, or a single row of nothing but zeros and NULLs (a count of nothing): what a filter value
 * spelled differently from the data gives. Whether a filter is to blame is the planner's to decide.
 */
export function foundNothing(result: QueryResult): boolean {
  if (result.rows.length === 0) return true;
  if (result.rows.every((row) => row.every((cell) => cell === null))) return true;
  return result.rows.length === 1 && result.rows[0].every((cell) => cell === null || cell === 0);
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
