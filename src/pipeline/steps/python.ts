// Step 4: one run of a plan's Python in the sandboxed worker over the frame; a failure is returned for repair.
import type { FrameSummary } from "../../planner/index.js";
import type { Frame } from "../../sandbox/index.js";
import { UserInputError } from "../../util/index.js";
import type { PipelineEvent } from "../events.js";
import type { PipelineDeps } from "../types.js";

export interface PythonOutcome {
  code: string;
  result: unknown;
  stdout: string;
  elapsedMs: number;
}

export type PythonRun = { ok: true; outcome: PythonOutcome } | { ok: false; error: string };

/** Said to the model when code ran but left nothing behind. */
export const NOTHING_ASSIGNED =
  "The code ran without an error but assigned nothing to `result` and printed nothing. Assign the answer to `result` (a DataFrame, a dict of named numbers, or a number).";

export async function runPython(deps: PipelineDeps, code: string, frame: Frame): Promise<PythonRun> {
  const sandbox = await deps.sandbox();
  const run = await sandbox.run({ code, frames: { df: frame } });
  if (run.error !== null) {
    deps.logger.info({ error: run.error.slice(0, 500) }, "python attempt failed");
    return { ok: false, error: run.error };
  }
  // Code that printed its answer instead of assigning `result` keeps its work: the printed text is the result.
  let result = run.result;
  if (result === null || result === undefined) {
    if (run.stdout.trim() === "") return { ok: false, error: NOTHING_ASSIGNED };
    result = fromStdout(run.stdout);
  }
  return { ok: true, outcome: { code, result, stdout: run.stdout, elapsedMs: run.elapsed_ms } };
}

/** Printed output as a result: JSON, a printed dict or list, or a number when it is one, else the text itself. */
export function fromStdout(stdout: string): unknown {
  const text = stdout.trim();
  for (const candidate of [text, pythonLiteralAsJson(text)]) {
    if (candidate === null) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed !== null && (typeof parsed === "object" || typeof parsed === "number")) return parsed;
    } catch {
      // not JSON
    }
  }
  const number = Number(text.replaceAll(",", ""));
  if (text !== "" && Number.isFinite(number)) return number;
  return { printed: text.length > 8000 ? `${text.slice(0, 8000)}…` : text };
}

/** `{'r': -0.83, 'ok': True, 'x': None}` (what print() shows of a dict or list) as JSON text; null if not one. */
export function pythonLiteralAsJson(text: string): string | null {
  if (!/^[[{]/.test(text) || text.length > 200_000) return null;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = "";
      for (; j < text.length && text[j] !== ch; j++) {
        if (text[j] === "\\" && j + 1 < text.length) {
          value += text[j + 1] === "'" ? "'" : `\\${text[j + 1]}`;
          j++;
        } else value += text[j] === '"' ? '\\"' : text[j];
      }
      if (j >= text.length) return null;
      out += `"${value}"`;
      i = j;
      continue;
    }
    const word = /^(True|False|None|nan|inf|-inf)\b/.exec(text.slice(i));
    if (word) {
      out += { True: "true", False: "false", None: "null", nan: "null", inf: "null", "-inf": "null" }[word[1]];
      i += word[1].length - 1;
      continue;
    }
    if (/[\p{L}_]/u.test(ch)) return null;
    out += ch === "(" ? "[" : ch === ")" ? "]" : ch;
  }
  return out;
}

export function pythonResultEvent(outcome: PythonOutcome, attempt: number): PipelineEvent {
  return {
    type: "python_result",
    data: {
      code: outcome.code,
      results: outcome.result,
      summary: summarize(outcome.result),
      elapsed_ms: Math.round(outcome.elapsedMs),
      attempt,
    },
  };
}

export function pythonFailed(error: string): UserInputError {
  return new UserInputError(
    "python_failed",
    `The analysis failed: ${error.split("\n").slice(-3).join(" ").slice(0, 400)}`,
    {
      hint: "Try a simpler analysis, or ask for the underlying numbers first.",
    },
  );
}

/** The frame as a model that writes code over it sees it: size, column types, the first rows. */
export function describeFrame(frame: Frame): FrameSummary {
  const rows = frame.columns[0]?.values.length ?? 0;
  const cell = (value: unknown) =>
    value instanceof Date ? value.toISOString() : typeof value === "bigint" ? String(value) : value;
  const head = Array.from({ length: Math.min(3, rows) }, (_, i) =>
    JSON.stringify(Object.fromEntries(frame.columns.map((c) => [c.name, cell(c.values[i])]))),
  );
  return { rows, columns: frame.columns.map((c) => ({ name: c.name, type: c.type })), head };
}

function summarize(result: unknown): string {
  if (result && typeof result === "object" && "interpretation" in result)
    return String((result as { interpretation: unknown }).interpretation).slice(0, 300);
  if (result && typeof result === "object" && "row_count" in result)
    return `Python returned a table of ${(result as { row_count: number }).row_count} rows`;
  return "Python execution completed successfully";
}
