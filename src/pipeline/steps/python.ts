// Step 4: generate (or take the planned) pandas code, run it in the sandboxed worker, self-heal on errors.

import type { Frame } from "../../sandbox/index.js";
import { SandboxError, UserInputError } from "../../util/index.js";
import type { LlmSession } from "../agents/llm-calls.js";
import { data, PYTHON_SYSTEM } from "../agents/prompts.js";
import { pythonSchema } from "../agents/schemas.js";
import type { PipelineEvent } from "../events.js";
import type { PipelineDeps } from "../types.js";

export const MAX_PYTHON_ATTEMPTS = 3;

export interface PythonOutcome {
  code: string;
  result: unknown;
  stdout: string;
  elapsedMs: number;
}

export async function* runPythonStep(
  deps: PipelineDeps,
  question: string,
  frame: Frame,
  plannedCode: string | null,
  llm: LlmSession | null,
): AsyncGenerator<PipelineEvent, PythonOutcome> {
  const describe = describeFrame(frame);
  let code = plannedCode ?? (await writeCode(llm, question, describe, null));
  const sandbox = await deps.sandbox();
  let lastError = "";
  for (let attempt = 1; attempt <= MAX_PYTHON_ATTEMPTS; attempt++) {
    const run = await sandbox.run({ code, frames: { df: frame } });
    if (run.error === null) {
      yield {
        type: "python_result",
        data: {
          code,
          results: run.result,
          summary: summarize(run.result),
          elapsed_ms: Math.round(run.elapsed_ms),
          attempt,
        },
      };
      return { code, result: run.result, stdout: run.stdout, elapsedMs: run.elapsed_ms };
    }
    lastError = run.error;
    const canHeal = llm !== null && llm.client.available && attempt < MAX_PYTHON_ATTEMPTS;
    if (!canHeal) break;
    deps.logger.info({ attempt, error: run.error.slice(0, 500) }, "python attempt failed; asking for a fix");
    code = await writeCode(llm, question, describe, { code, error: run.error });
  }
  throw new UserInputError(
    "python_failed",
    `The analysis failed: ${lastError.split("\n").slice(-3).join(" ").slice(0, 400)}`,
    {
      hint: "Try a simpler analysis, or ask for the underlying numbers first.",
    },
  );
}

async function writeCode(
  llm: LlmSession | null,
  question: string,
  frameDescription: string,
  failed: { code: string; error: string } | null,
): Promise<string> {
  if (!llm || !llm.client.available) {
    throw new SandboxError(
      "python_unplanned",
      "This analysis needs Python code and no AI model is available to write it.",
      {
        hint: "Ask a question the offline planner handles (averages, rankings, trends, correlations, anomalies, forecasts).",
      },
    );
  }
  const parts = [`DataFrame df:\n${frameDescription}`, `Question:\n${data("question", question)}`];
  if (failed)
    parts.push(`Previous code:\n${data("code", failed.code)}`, `Error:\n${data("error", failed.error.slice(-2000))}`);
  const reply = await llm.call("python_code", pythonSchema, PYTHON_SYSTEM, [
    { role: "user", content: parts.join("\n\n") },
  ]);
  return reply.code;
}

function describeFrame(frame: Frame): string {
  const rows = frame.columns[0]?.values.length ?? 0;
  const columns = frame.columns.map((c) => `- ${JSON.stringify(c.name)} (${c.type})`).join("\n");
  const head = Array.from({ length: Math.min(3, rows) }, (_, i) =>
    JSON.stringify(
      Object.fromEntries(
        frame.columns.map((c) => [
          c.name,
          c.values[i] instanceof Date
            ? (c.values[i] as Date).toISOString()
            : typeof c.values[i] === "bigint"
              ? String(c.values[i])
              : c.values[i],
        ]),
      ),
    ),
  ).join("\n");
  return `${rows} rows\n${columns}\nfirst rows:\n${head}`;
}

function summarize(result: unknown): string {
  if (result && typeof result === "object" && "interpretation" in result)
    return String((result as { interpretation: unknown }).interpretation).slice(0, 300);
  if (result && typeof result === "object" && "row_count" in result)
    return `Python returned a table of ${(result as { row_count: number }).row_count} rows`;
  return "Python execution completed successfully";
}
