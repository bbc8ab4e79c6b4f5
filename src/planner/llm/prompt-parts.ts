// The user messages of each agent: today's date, the ranked and budgeted schema, the thread and insights, and
// everything that came from people or files fenced as data (fence.ts). Plan and repair see the same schema text.
import { displaySql } from "../../data/index.js";
import { clip } from "../../util/index.js";
import { type ExecutablePlan, hasSql } from "../plan.js";
import type { FrameSummary, PlanContext, PlanResults, PriorTurn, StepFailure } from "../planner.js";
import { fence, quoteName } from "./fence.js";
import { schemaContext } from "./schema-context.js";

/** Earlier turns of the thread the composer sees (the planner sees all it is given). */
const COMPOSE_HISTORY_TURNS = 3;

export function todayLine(now: Date): string {
  const day = now.toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
  return `Today is ${now.toISOString().slice(0, 10)} (${day}, UTC).`;
}

/** The tables block: ranked, within the budget, fenced, with a note saying what the budget left out. */
export function tablesBlock(question: string, context: PlanContext): string {
  const schema = schemaContext(question, context.tables, context.history);
  const left =
    schema.omittedColumns > 0
      ? ` ${schema.omittedColumns} less relevant column${schema.omittedColumns === 1 ? " is" : "s are"} listed by name only.`
      : "";
  return [
    `Tables (most relevant to the question first; names are JSON-quoted; schema text kept within ${schema.budget.toLocaleString("en-US")} characters).${left}`,
    fence("tables", schema.text),
  ].join("\n");
}

function historyText(turns: readonly PriorTurn[]): string {
  return turns
    .map((t) => `Q: ${t.question}\nA: ${clip(t.answer, 400)}${t.sql ? `\nSQL: ${clip(t.sql, 1500)}` : ""}`)
    .join("\n\n");
}

/** The planning prompt: date, schema, thread history and insights, bounded; the question as data. */
export function planPrompt(question: string, context: PlanContext, now: Date): string {
  const parts = [todayLine(now), tablesBlock(question, context)];
  if (context.history.length > 0) {
    parts.push(
      `Earlier in this thread (oldest first; a follow-up refers to these):\n${fence("history", historyText(context.history))}`,
    );
  }
  if (context.insights.length > 0) {
    parts.push(`What this channel learned before:\n${fence("insights", context.insights.join("\n"))}`);
  }
  parts.push(`Question:\n${fence("question", question)}`);
  return parts.join("\n\n");
}

/** A failed query, or one that found nothing, with DuckDB's whole message and the same schema the plan saw. */
export function sqlRepairPrompt(
  question: string,
  context: PlanContext,
  failure: { sql: string; error: string },
  knownValues: string | null,
  now: Date,
): string {
  const parts = [
    todayLine(now),
    tablesBlock(question, context),
    `Question:\n${fence("question", question)}`,
    `SQL that ${knownValues === null ? "failed" : "returned nothing"}:\n${fence("sql", failure.sql)}`,
    `${knownValues === null ? "DuckDB error" : "What happened"}:\n${fence("error", clip(failure.error, 4000))}`,
  ];
  if (knownValues !== null) parts.push(`Known values of the columns it filters on:\n${fence("values", knownValues)}`);
  return parts.join("\n\n");
}

export function pythonPrompt(question: string, frame: FrameSummary, failed: StepFailure | null): string {
  const columns = frame.columns.map((c) => `- ${quoteName(c.name)} (${c.type})`).join("\n");
  const parts = [
    `DataFrame df: ${frame.rows} rows. Columns (JSON-quoted; use the names exactly):\n${fence("columns", columns)}`,
    `First rows:\n${fence("rows", frame.head.join("\n"))}`,
    `Question:\n${fence("question", question)}`,
  ];
  if (failed?.step === "python") {
    parts.push(`Previous code:\n${fence("code", failed.code)}`, `Error:\n${fence("error", failed.error.slice(-2000))}`);
  }
  return parts.join("\n\n");
}

const json = (value: unknown) =>
  JSON.stringify(value, (_key, inner) => (typeof inner === "bigint" ? inner.toString() : inner));

export function composePrompt(
  plan: ExecutablePlan,
  results: PlanResults,
  context: PlanContext,
  assumptions: string | null,
  problems: string[] | undefined,
): string {
  const table = results.table ?? results.sql;
  const preview = table
    ? json({ columns: table.columns, rows: table.rows.slice(0, 30), total_rows: table.rows.length })
    : "null";
  const parts = [`Question:\n${fence("question", plan.question)}`, `Classification: ${plan.classification}`];
  if (assumptions) parts.push(`Assumption made when planning (say it briefly):\n${fence("assumptions", assumptions)}`);
  if (hasSql(plan)) parts.push(`SQL that computed the result:\n${fence("sql", clip(displaySql(plan.sql), 3000))}`);
  const recent = context.history.slice(-COMPOSE_HISTORY_TURNS);
  if (recent.length > 0) parts.push(`Earlier in this thread:\n${fence("history", historyText(recent))}`);
  parts.push(`Result table (row 1 is the first entry of "rows"):\n${fence("result", clip(preview, 6000))}`);
  if (results.python !== null && results.python !== undefined) {
    parts.push(`Python analysis (py):\n${fence("python", clip(json(results.python), 4000))}`);
  }
  if (problems && problems.length > 0) {
    parts.push(
      `Your previous answer could not be used as written: ${problems.join("; ")}. Use placeholders for every number, referring only to cells and values that exist.`,
    );
  }
  return parts.join("\n\n");
}
