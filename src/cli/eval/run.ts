// Runs an eval set: each line's datasets into a fresh channel, its turns asked in one thread, the last answer judged.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Runtime } from "../../app/index.js";
import type { ChannelRef } from "../../data/index.js";
import { forgetChannel, runQuestion } from "../../pipeline/index.js";
import { errorMessage } from "../../util/index.js";
import { type Outcome, outcome } from "./judge.js";
import type { EvalQuestion } from "./question.js";

/** One line of ANSWERS.jsonl, in the format of shared/eval/README.md. */
export interface EvalAnswerLine {
  id: string;
  classification: string | null;
  result: { columns: string[]; rows: unknown[][] } | null;
  metrics: Record<string, unknown>;
  text: string | null;
  sql: string | null;
  code: string | null;
  grounded: boolean;
  /** Over every turn of the line. */
  llm_calls: number;
  /** Ingestion excluded; over every turn of the line. */
  elapsed_ms: number;
  error: string | null;
}

export interface EvalSummary {
  total: number;
  /** Lines with an expectation. */
  judged: number;
  right: number;
  /** Answered, and not right: wrong without asking back. */
  wrong: number;
  /** Asked back where an answer was expected. */
  clarified: number;
  errors: number;
  ungrounded: number;
  llmCalls: number;
}

export interface EvalRunOptions {
  dataDir: string;
  /** ANSWERS.jsonl to write. */
  out: string;
  /** Called after each line (the CLI prints a ✓/✗ line on stderr). */
  onAnswer?: (question: EvalQuestion, line: EvalAnswerLine, outcome: Outcome) => void;
}

/** Result tables are cut to this many rows in ANSWERS.jsonl (and judged on them). */
const RESULT_ROWS = 1000;

export async function runEval(
  runtime: Runtime,
  questions: readonly EvalQuestion[],
  options: EvalRunOptions,
): Promise<EvalSummary> {
  await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
  const out = createWriteStream(options.out);
  const summary: EvalSummary = {
    total: 0,
    judged: 0,
    right: 0,
    wrong: 0,
    clarified: 0,
    errors: 0,
    ungrounded: 0,
    llmCalls: 0,
  };
  const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  try {
    for (const [index, question] of questions.entries()) {
      const line = await answerLine(runtime, question, options.dataDir, {
        teamId: "eval",
        channelId: `eval-${runId}-${index}`,
      });
      out.write(`${JSON.stringify(line)}\n`);
      const verdict = outcome(question, line);
      tally(summary, verdict, line);
      options.onAnswer?.(question, line, verdict);
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  return summary;
}

function tally(summary: EvalSummary, verdict: Outcome, line: EvalAnswerLine): void {
  summary.total++;
  if (verdict !== "unjudged") summary.judged++;
  if (verdict === "right") summary.right++;
  else if (verdict === "wrong") summary.wrong++;
  else if (verdict === "clarified") summary.clarified++;
  if (line.error) summary.errors++;
  if (!line.grounded) summary.ungrounded++;
  summary.llmCalls += line.llm_calls;
}

/** `31/31 right (100%), 0 wrong without asking back, 0 clarified, 0 ungrounded, 0 errors, 0 LLM calls` */
export function formatSummary(summary: EvalSummary): string {
  const pct = summary.judged > 0 ? `${Number(((100 * summary.right) / summary.judged).toFixed(1))}%` : "n/a";
  return [
    `${summary.right}/${summary.judged} right (${pct})`,
    `${summary.wrong} wrong without asking back`,
    `${summary.clarified} clarified`,
    `${summary.ungrounded} ungrounded`,
    `${summary.errors} errors`,
    `${summary.llmCalls} LLM calls`,
  ].join(", ");
}

/** The judged (last) turn's answer; earlier turns build the thread's history, as a person's messages would. */
async function answerLine(
  runtime: Runtime,
  question: EvalQuestion,
  dataDir: string,
  ref: ChannelRef,
): Promise<EvalAnswerLine> {
  let llmCalls = 0;
  let elapsed = 0;
  try {
    for (const dataset of question.datasets) {
      await runtime.engine.ingest(ref, { path: path.resolve(dataDir, dataset), name: path.basename(dataset) });
    }
    const deps = runtime.pipelineDeps({ renderCharts: false });
    let answer: Awaited<ReturnType<typeof runQuestion>>["answer"] | null = null;
    for (const turn of question.turns) {
      ({ answer } = await runQuestion(deps, { ref, question: turn, threadId: ref.channelId }));
      llmCalls += answer.llmCalls;
      elapsed += answer.elapsedMs;
    }
    const final = answer!;
    return {
      id: question.id,
      classification: final.classification,
      result: final.result ? { columns: final.result.columns, rows: final.result.rows.slice(0, RESULT_ROWS) } : null,
      metrics: final.final?.metrics ?? {},
      text: final.final?.text ?? null,
      sql: final.final?.sql ?? null,
      code: final.final?.code ?? null,
      grounded: final.final?.grounded ?? true,
      llm_calls: llmCalls,
      elapsed_ms: Math.round(elapsed),
      error: final.error,
    };
  } catch (error) {
    return {
      id: question.id,
      classification: null,
      result: null,
      metrics: {},
      text: null,
      sql: null,
      code: null,
      grounded: true,
      llm_calls: llmCalls,
      elapsed_ms: Math.round(elapsed),
      error: errorMessage(error),
    };
  } finally {
    await forgetChannel(runtime, ref).catch(() => undefined);
  }
}
