// Prints a pipeline run for people: the steps as they stream, then the answer, table, SQL/code and chart path.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Answer, PipelineEvent } from "../pipeline/index.js";
import { formatTable, terminalText } from "./output.js";

export function printEvent(event: PipelineEvent, stream: NodeJS.WritableStream = process.stderr): void {
  const out = safe(stream);
  switch (event.type) {
    case "status":
      out.write(`  · ${event.message}\n`);
      break;
    case "orchestrator_result":
      out.write(`  · plan: ${event.data.classification} — ${event.data.reasoning}\n`);
      break;
    case "sql_result":
      out.write(
        `  · SQL returned ${event.data.rows} rows in ${event.data.elapsed_ms} ms (attempt ${event.data.attempt})\n`,
      );
      break;
    case "python_result":
      out.write(`  · Python: ${event.data.summary} (${event.data.elapsed_ms} ms)\n`);
      break;
    case "key_rotation_event":
      out.write(`  · LLM key ${event.data.from_index} → ${event.data.to_index} (${event.data.reason})\n`);
      break;
    case "error":
      out.write(`  ✗ ${event.message}\n`);
      break;
    case "final_response":
      break;
  }
}

/** Writes the chart (if any) under `outDir` and prints the answer (unless `quiet`); returns the chart path. */
export async function printAnswer(
  answer: Answer,
  options: { outDir: string; name: string; quiet?: boolean },
): Promise<string | null> {
  const out = options.quiet ? { write: () => undefined } : safe(process.stdout);
  if (answer.error || !answer.final) {
    out.write(`\n${answer.error ?? "No answer."}\n`);
    return null;
  }
  const final = answer.final;
  out.write(`\n${final.text}\n`);
  const metrics = Object.entries(final.metrics);
  if (metrics.length > 0) out.write(`${metrics.map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n`);
  if (answer.result && answer.result.rows.length > 0) {
    const shown = answer.result.rows.slice(0, 15);
    out.write(`\n${formatTable(answer.result.columns, shown)}\n`);
    if (answer.result.rows.length > shown.length)
      out.write(`(${answer.result.rows.length} rows; first ${shown.length} shown)\n`);
  }
  if (final.sql) out.write(`\nSQL:\n${final.sql}\n`);
  if (final.code) out.write(`\nPython:\n${final.code}\n`);
  if (final.follow_ups.length > 0) out.write(`\nFollow-ups:\n${final.follow_ups.map((f) => `  → ${f}`).join("\n")}\n`);
  let chartPath: string | null = null;
  if (answer.chartPng) {
    await mkdir(options.outDir, { recursive: true });
    chartPath = path.join(options.outDir, `${options.name}.png`);
    await writeFile(chartPath, answer.chartPng);
    out.write(`\nChart: ${chartPath}\n`);
  }
  const how = answer.offline ? "offline planner" : `${answer.llmCalls} LLM call${answer.llmCalls === 1 ? "" : "s"}`;
  out.write(
    `(${answer.classification ?? "?"}, ${how}, ${Math.round(answer.elapsedMs)} ms${final.grounded ? "" : ", some numbers removed as ungrounded"})\n`,
  );
  return chartPath;
}

/** Every line written through it is made safe for a terminal (model output and data are untrusted). */
function safe(stream: NodeJS.WritableStream): { write(text: string): void } {
  return { write: (text) => void stream.write(terminalText(text)) };
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "answer"
  );
}
