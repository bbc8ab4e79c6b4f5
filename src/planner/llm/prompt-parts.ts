// The user messages of each agent: schema, thread and insights bounded, and everything untrusted fenced as data.
import { renderDnaCompact } from "../../data/index.js";
import type { ExecutablePlan } from "../plan.js";
import type { FrameSummary, PlanContext, PlanResults, StepFailure } from "../planner.js";
import { data } from "./prompts.js";

/** The planning prompt: schema, thread history and insights, bounded; the question as data. */
export function planPrompt(question: string, context: PlanContext): string {
  const budget = Math.max(1500, Math.floor(9000 / Math.max(1, context.tables.length)));
  const schema = context.tables.map((dna) => renderDnaCompact(dna, budget)).join("\n\n");
  const parts = [`Tables:\n${schema}`];
  if (context.history.length > 0) {
    const turns = context.history
      .map((t) => `Q: ${t.question}\nA: ${t.answer}${t.sql ? `\nSQL: ${t.sql}` : ""}`)
      .join("\n\n");
    parts.push(`Earlier in this thread:\n${data("history", turns)}`);
  }
  if (context.insights.length > 0)
    parts.push(`What this channel learned before:\n${data("insights", context.insights.join("\n"))}`);
  parts.push(`Question:\n${data("question", question)}`);
  return parts.join("\n\n");
}

export function sqlRepairPrompt(question: string, context: PlanContext, failure: { sql: string; error: string }) {
  const schema = context.tables.map((dna) => renderDnaCompact(dna, 3000)).join("\n\n");
  return [
    `Tables:\n${schema}`,
    `Question:\n${data("question", question)}`,
    `Failed SQL:\n${data("sql", failure.sql)}`,
    `DuckDB error:\n${data("error", failure.error)}`,
  ].join("\n\n");
}

export function pythonPrompt(question: string, frame: FrameSummary, failed: StepFailure | null): string {
  const columns = frame.columns.map((c) => `- ${JSON.stringify(c.name)} (${c.type})`).join("\n");
  const parts = [
    `DataFrame df:\n${frame.rows} rows\n${columns}\nfirst rows:\n${frame.head.join("\n")}`,
    `Question:\n${data("question", question)}`,
  ];
  if (failed?.step === "python")
    parts.push(`Previous code:\n${data("code", failed.code)}`, `Error:\n${data("error", failed.error.slice(-2000))}`);
  return parts.join("\n\n");
}

export function composePrompt(plan: ExecutablePlan, results: PlanResults, problems: string[] | undefined): string {
  const table = results.table ?? results.sql;
  const preview = table
    ? JSON.stringify({ columns: table.columns, rows: table.rows.slice(0, 30), total_rows: table.rows.length })
    : "null";
  const parts = [
    `Question:\n${data("question", plan.question)}`,
    `Classification: ${plan.classification}`,
    `Result table:\n${data("result", preview.slice(0, 6000))}`,
  ];
  if (results.python !== null && results.python !== undefined) {
    parts.push(`Python analysis:\n${data("python", JSON.stringify(results.python).slice(0, 4000))}`);
  }
  if (problems && problems.length > 0)
    parts.push(
      `Your previous answer used numbers not in the results: ${problems.join(", ")}. Use only numbers from the results.`,
    );
  return parts.join("\n\n");
}
