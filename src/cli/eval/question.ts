// Eval question lines (shared/eval/README.md): one or several datasets, one question or a thread of turns, an expectation.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { UserInputError } from "../../util/index.js";

const label = z.union([z.string(), z.number()]);
const labelled = z.tuple([label, z.number()]);
const tol = z.number().nonnegative().optional();

/** What a right answer looks like; one variant per kind of the README's judging table. */
const expectationSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("value"), value: z.number(), tol, pct: z.boolean().optional() }),
  z.object({ kind: z.literal("includes_value"), value: z.number(), tol, pct: z.boolean().optional() }),
  z.object({ kind: z.literal("label"), label }),
  z.object({ kind: z.literal("label_any"), labels: z.array(label).min(1) }),
  z.object({ kind: z.literal("rows"), rows: z.array(labelled).min(1), tol }),
  z.object({ kind: z.literal("top"), k: z.number().int().positive().optional(), top: z.array(labelled).min(1) }),
  z.object({
    kind: z.literal("forecast"),
    horizon: z.number().int().positive().optional(),
    range: z.tuple([z.number(), z.number()]),
  }),
  z.object({ kind: z.literal("clarify") }),
]);
export type Expectation = z.infer<typeof expectationSchema>;
export type EvalKind = Expectation["kind"];
export const EVAL_KINDS: readonly EvalKind[] = [
  "value",
  "includes_value",
  "label",
  "label_any",
  "rows",
  "top",
  "forecast",
  "clarify",
];

const baseSchema = z.looseObject({
  id: z.string().min(1),
  /** One file, or `datasets`: several files loaded into the one channel. */
  dataset: z.string().min(1).optional(),
  datasets: z.array(z.string().min(1)).min(1).optional(),
  /** One question, or `turns`: asked in order in one thread, the last one judged. */
  question: z.string().min(1).optional(),
  turns: z.array(z.string().min(1)).min(1).optional(),
});

/** A line without `kind` is answered but not judged. */
type Unjudged = { kind?: undefined };

interface Thread {
  id: string;
  /** Loaded into one channel, in order. */
  datasets: string[];
  /** Asked in order in one thread; the last is judged. */
  turns: string[];
  /** The first dataset and the judged turn, for readers of one-file, one-turn lines. */
  dataset: string;
  question: string;
}

export const evalQuestionSchema = baseSchema
  .superRefine((line, ctx) => {
    if ((line.dataset === undefined) === (line.datasets === undefined)) {
      ctx.addIssue({ code: "custom", message: "give either `dataset` or `datasets` (not both)" });
    }
    if ((line.question === undefined) === (line.turns === undefined)) {
      ctx.addIssue({ code: "custom", message: "give either `question` or `turns` (not both)" });
    }
  })
  .transform((line, ctx): Thread & (Expectation | Unjudged) => {
    let expectation: Expectation | Unjudged = {};
    if (line.kind !== undefined) {
      const parsed = expectationSchema.safeParse(line);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
        return z.NEVER;
      }
      expectation = parsed.data;
    }
    const datasets = line.datasets ?? [line.dataset!];
    const turns = line.turns ?? [line.question!];
    return { id: line.id, datasets, turns, dataset: datasets[0]!, question: turns.at(-1)!, ...expectation };
  });

export type EvalQuestion = z.output<typeof evalQuestionSchema>;

/** Parses a questions.jsonl text; a bad line fails with its line number and what is wrong with it. */
export function parseQuestions(text: string, source = "questions"): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  const ids = new Set<string>();
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("//")) return;
    const where = `${source} line ${index + 1}`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw badLine(where, `is not JSON (${(error as Error).message})`);
    }
    const kind = (json as { kind?: unknown } | null)?.kind;
    if (kind !== undefined && !EVAL_KINDS.includes(kind as EvalKind)) {
      throw badLine(where, `has an unknown kind ${JSON.stringify(kind)} (one of ${EVAL_KINDS.join(", ")})`);
    }
    const parsed = evalQuestionSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      throw badLine(where, `is not an eval question${field}: ${issue.message}`);
    }
    if (ids.has(parsed.data.id)) throw badLine(where, `repeats the id ${parsed.data.id}`);
    ids.add(parsed.data.id);
    questions.push(parsed.data);
  });
  return questions;
}

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new UserInputError("eval_questions_unreadable", `Cannot read ${file}: ${(error as Error).message}`, {
      hint: "Pass --questions with the path of a questions.jsonl file.",
      cause: error,
    });
  });
  return parseQuestions(text, file);
}

function badLine(where: string, what: string): UserInputError {
  return new UserInputError("eval_question_invalid", `${where} ${what}.`, {
    hint: "Each line is one JSON object as shared/eval/README.md describes (id, dataset(s), question or turns, kind).",
  });
}
