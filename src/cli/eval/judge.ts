// Judges eval answers by the rules of shared/eval/README.md (value, includes_value, label, rows, top, forecast).
import { z } from "zod";

export const evalQuestionSchema = z.object({
  id: z.string(),
  dataset: z.string(),
  question: z.string(),
  kind: z.enum(["value", "includes_value", "label", "rows", "top", "forecast"]).optional(),
  value: z.number().optional(),
  tol: z.number().optional(),
  pct: z.boolean().optional(),
  label: z.union([z.string(), z.number()]).optional(),
  rows: z.array(z.tuple([z.union([z.string(), z.number()]), z.number()])).optional(),
  k: z.number().int().optional(),
  top: z.array(z.tuple([z.union([z.string(), z.number()]), z.number()])).optional(),
  horizon: z.number().int().optional(),
  range: z.tuple([z.number(), z.number()]).optional(),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export interface EvalAnswer {
  result: { columns: string[]; rows: unknown[][] } | null;
  metrics: Record<string, unknown>;
}

const numeric = (cell: unknown): number | null => {
  if (typeof cell === "number" && Number.isFinite(cell)) return cell;
  if (typeof cell === "string" && /^-?\d+(\.\d+)?$/.test(cell.trim())) return Number(cell);
  return null;
};

const close = (actual: number, expected: number, tol: number) =>
  Math.abs(actual - expected) <= Math.abs(expected) * tol + (expected === 0 ? tol : 0);

function labelMatches(cell: unknown, label: string | number): boolean {
  if (cell === null || cell === undefined) return false;
  const expectedNumber = numeric(label);
  const cellNumber = numeric(cell);
  if (expectedNumber !== null && cellNumber !== null) return expectedNumber === cellNumber;
  const text = String(cell).toLowerCase();
  const wanted = String(label).toLowerCase();
  // A date cell may start with the label ("2012-01-01" for "2012").
  return text === wanted || (/^\d{4}-\d{2}/.test(text) && text.startsWith(wanted));
}

/** null when the question carries no expected answer. */
export function judge(question: EvalQuestion, answer: EvalAnswer): boolean | null {
  const rows = answer.result?.rows ?? [];
  const tol = question.tol ?? 0.005;
  const numbers = [...rows.flatMap((row) => row.map(numeric)), ...Object.values(answer.metrics).map(numeric)].filter(
    (n): n is number => n !== null,
  );
  switch (question.kind) {
    case "value":
    case "includes_value": {
      const expected = question.value!;
      return numbers.some((n) => close(n, expected, tol) || (question.pct === true && close(n, expected / 100, tol)));
    }
    case "label":
      return rows.length > 0 && rows[0]!.some((cell) => labelMatches(cell, question.label!));
    case "rows":
      return (question.rows ?? []).every(([label, value]) =>
        rows.some(
          (row) =>
            row.some((cell) => labelMatches(cell, label)) &&
            row.some((cell) => numeric(cell) !== null && close(numeric(cell)!, value, tol)),
        ),
      );
    case "top": {
      const k = question.k ?? 3;
      const labels = (question.top ?? []).map(([label]) => label);
      return (
        rows.length >= k &&
        rows.slice(0, k).every((row) => row.some((cell) => labels.some((label) => labelMatches(cell, label))))
      );
    }
    case "forecast": {
      const [low, high] = question.range!;
      const span = high - low;
      const predictions = rows
        .map((row) => row.map(numeric).filter((n): n is number => n !== null))
        .filter((values) => values.length > 0);
      return (
        predictions.length >= (question.horizon ?? 1) &&
        predictions.every((values) => values.some((n) => n >= low - span / 2 && n <= high + span / 2))
      );
    }
    default:
      return null;
  }
}
