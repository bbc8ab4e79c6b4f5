// Step 3: run the SQL on the channel's locked-down DuckDB; on failure the error and schema go back (self-heal).
import { type QueryResult, renderDnaCompact } from "../../data/index.js";
import { errorMessage, InsightError, UserInputError } from "../../util/index.js";
import type { LlmSession } from "../agents/llm-calls.js";
import { data, SQL_REPAIR_SYSTEM } from "../agents/prompts.js";
import { sqlRepairSchema } from "../agents/schemas.js";
import type { PipelineEvent } from "../events.js";
import type { PipelineDeps, QuestionContext, QuestionRequest } from "../types.js";

export const MAX_SQL_ATTEMPTS = 3;

export interface SqlAttempt {
  sql: string;
  attempt: number;
  result: QueryResult | null;
  error: string | null;
}

/** Yields a `sql_result` per success; returns the final result or throws the last error for people. */
export async function* runSqlStep(
  deps: PipelineDeps,
  request: QuestionRequest,
  context: QuestionContext,
  firstSql: string,
  llm: LlmSession | null,
): AsyncGenerator<PipelineEvent, QueryResult> {
  let sql = firstSql;
  const failures: string[] = [];
  for (let attempt = 1; attempt <= MAX_SQL_ATTEMPTS; attempt++) {
    try {
      const result = await deps.engine.query(request.ref, sql);
      yield {
        type: "sql_result",
        data: {
          query: sql,
          rows: result.rowCount,
          columns: result.columns,
          preview: result.rows.slice(0, 10),
          elapsed_ms: Math.round(result.elapsedMs * 10) / 10,
          attempt,
        },
      };
      return result;
    } catch (error) {
      const message = errorMessage(error);
      failures.push(message);
      const canHeal =
        llm !== null &&
        llm.client.available &&
        attempt < MAX_SQL_ATTEMPTS &&
        !(error instanceof InsightError && error.code === "sql_timeout");
      if (!canHeal) break;
      deps.logger.info({ attempt, error: message }, "sql attempt failed; asking for a fix");
      try {
        const repaired = await llm.call("sql_repair", sqlRepairSchema, SQL_REPAIR_SYSTEM, [
          { role: "user", content: repairPrompt(request.question, context, sql, message) },
        ]);
        sql = repaired.sql;
      } catch (repairError) {
        failures.push(errorMessage(repairError));
        break;
      }
    }
  }
  throw new UserInputError("sql_failed", `I could not compute this: ${failures.at(-1) ?? "the query failed"}`, {
    hint: "Try naming the columns you mean, or ask a simpler question first.",
  });
}

function repairPrompt(question: string, context: QuestionContext, sql: string, error: string): string {
  const schema = context.tables.map((dna) => renderDnaCompact(dna, 3000)).join("\n\n");
  return [
    `Tables:\n${schema}`,
    `Question:\n${data("question", question)}`,
    `Failed SQL:\n${data("sql", sql)}`,
    `DuckDB error:\n${data("error", error)}`,
  ].join("\n\n");
}
