// Judges eval answers by the rules of shared/eval/README.md, and sorts each into right / wrong / clarified / error.
import type { EvalQuestion, Expectation } from "./question.js";

export { type EvalQuestion, evalQuestionSchema, parseQuestions, readQuestions } from "./question.js";

export interface EvalAnswer {
  result: { columns: string[]; rows: unknown[][] } | null;
  metrics: Record<string, unknown>;
  /** SQL_ONLY | PY_ONLY | SQL_THEN_PY | CLARIFY; null when the question failed before it was planned. */
  classification?: string | null;
  /** The message the person saw instead of an answer. */
  error?: string | null;
}

/**
 * - `right`: the answer passes its kind's rule (for `clarify`, it asked back);
 * - `clarified`: it asked back where an answer was expected (a miss, but an honest one);
 * - `error`: the person saw an error message instead of an answer;
 * - `wrong`: it showed an answer that does not pass (wrong without asking back: the figure that must stay near 0);
 * - `unjudged`: the line carries no expectation.
 */
export type Outcome = "right" | "wrong" | "clarified" | "error" | "unjudged";

const DEFAULT_TOL = 0.005;

export function outcome(question: EvalQuestion, answer: EvalAnswer): Outcome {
  const verdict = judge(question, answer);
  if (verdict === null) return "unjudged";
  if (answer.error) return "error";
  if (verdict) return "right";
  return answer.classification === "CLARIFY" ? "clarified" : "wrong";
}

/** Whether the answer passes; null when the question carries no expected answer. */
export function judge(question: EvalQuestion, answer: EvalAnswer): boolean | null {
  if (question.kind === undefined) return null;
  return passes(question, answer);
}

function passes(expect: Expectation, answer: EvalAnswer): boolean {
  if (expect.kind === "clarify") return answer.classification === "CLARIFY";
  // An answer that asked back shows no numbers, whatever table it may carry.
  if (answer.classification === "CLARIFY") return false;
  const rows = answer.result?.rows ?? [];
  switch (expect.kind) {
    case "value":
    case "includes_value": {
      const tol = expect.tol ?? DEFAULT_TOL;
      const numbers = [...rows.flatMap((row) => row.map(numeric)), ...Object.values(answer.metrics).map(numeric)];
      return numbers.some(
        (n) =>
          n !== null && (close(n, expect.value, tol) || (expect.pct === true && close(n, expect.value / 100, tol))),
      );
    }
    case "label":
      return rows.length > 0 && rows[0]!.some((cell) => labelMatches(cell, expect.label));
    case "label_any":
      return rows.length > 0 && rows[0]!.some((cell) => expect.labels.some((label) => labelMatches(cell, label)));
    case "rows": {
      const tol = expect.tol ?? DEFAULT_TOL;
      return expect.rows.every(([label, value]) =>
        rows.some(
          (row) =>
            row.some((cell) => labelMatches(cell, label)) &&
            row.some((cell) => {
              const n = numeric(cell);
              return n !== null && close(n, value, tol);
            }),
        ),
      );
    }
    case "top": {
      const k = expect.k ?? 3;
      const labels = expect.top.map(([label]) => label);
      return (
        rows.length >= k &&
        rows.slice(0, k).every((row) => row.some((cell) => labels.some((label) => labelMatches(cell, label))))
      );
    }
    case "forecast": {
      const [low, high] = expect.range;
      const span = high - low;
      const predictions = rows
        .map((row) => row.map(numeric).filter((n): n is number => n !== null))
        .filter((values) => values.length > 0);
      return (
        predictions.length >= (expect.horizon ?? 1) &&
        predictions.every((values) => values.some((n) => n >= low - span / 2 && n <= high + span / 2))
      );
    }
  }
}

function numeric(cell: unknown): number | null {
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (typeof cell === "bigint") return Number(cell);
  if (typeof cell === "string" && /^-?\d+(\.\d+)?$/.test(cell.trim())) return Number(cell);
  return null;
}

const close = (actual: number, expected: number, tol: number) =>
  Math.abs(actual - expected) <= Math.abs(expected) * tol + (expected === 0 ? tol : 0);

/** Case-insensitive; numbers as numbers; a date cell may start with the label ("2012-01-01" for "2012"). */
function labelMatches(cell: unknown, label: string | number): boolean {
  if (cell === null || cell === undefined) return false;
  const expectedNumber = numeric(label);
  const cellNumber = numeric(cell);
  if (expectedNumber !== null && cellNumber !== null) return expectedNumber === cellNumber;
  const text = String(cell).toLowerCase();
  const wanted = String(label).toLowerCase();
  return text === wanted || (/^\d{4}-\d{2}/.test(text) && text.startsWith(wanted));
}
