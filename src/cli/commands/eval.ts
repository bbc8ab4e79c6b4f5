// `insightx eval`: each question's dataset into a fresh channel, asked through the normal pipeline, one JSON line each.
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Runtime } from "../../app/index.js";
import type { TraceWriter } from "../../trace/index.js";
import { errorMessage } from "../../util/index.js";
import { withContext } from "../context.js";
import { type EvalQuestion, evalQuestionSchema, judge } from "../eval/judge.js";
import { runTraced, withTraces } from "../traced-run.js";

interface EvalOptions {
  questions: string;
  dataDir: string;
  out: string;
  json?: boolean;
}

export async function run(options: EvalOptions): Promise<void> {
  const questions = (await readFile(options.questions, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => evalQuestionSchema.parse(JSON.parse(line)));
  await withContext((runtime) =>
    withTraces(runtime, async (traces) => {
      const { mkdir } = await import("node:fs/promises");
      await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      const out = createWriteStream(options.out);
      let correct = 0;
      let judged = 0;
      let ungrounded = 0;
      let errors = 0;
      const runId = Date.now().toString(36);
      for (const [index, question] of questions.entries()) {
        const line = await answerOne(runtime, traces, question, options.dataDir, `eval-${runId}-${index}`);
        out.write(`${JSON.stringify(line)}\n`);
        const verdict = judge(question, { result: line.result, metrics: line.metrics });
        if (verdict !== null) {
          judged++;
          if (verdict) correct++;
        }
        if (!line.grounded) ungrounded++;
        if (line.error) errors++;
        process.stderr.write(
          `${verdict === null ? "·" : verdict ? "✓" : "✗"} ${question.id} (${line.classification ?? "error"}, ${line.elapsed_ms} ms)${line.error ? `: ${line.error}` : ""}\n`,
        );
      }
      await new Promise<void>((resolve) => out.end(resolve));
      const pct = judged > 0 ? ((100 * correct) / judged).toFixed(1) : "n/a";
      if (options.json) {
        const summary = { questions: questions.length, judged, correct, ungrounded, errors, answers: options.out };
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      } else {
        process.stdout.write(
          `eval: ${correct}/${judged} correct (${pct}%), ${ungrounded} with ungrounded numbers, ${errors} errors, answers in ${options.out}\n`,
        );
      }
    }),
  );
}

async function answerOne(
  runtime: Runtime,
  traces: TraceWriter,
  question: EvalQuestion,
  dataDir: string,
  channelId: string,
) {
  const ref = { teamId: "eval", channelId };
  const started = performance.now();
  try {
    await runtime.engine.ingest(ref, { path: path.resolve(dataDir, question.dataset), name: question.dataset });
    // Traced like any question (`insightx stats`); the channel's traces outlive its data, forgotten below.
    const { answer } = await runTraced(runtime.pipelineDeps({ renderCharts: false }), traces, {
      ref,
      question: question.question,
      threadId: channelId,
    });
    const table = answer.result ? { columns: answer.result.columns, rows: answer.result.rows.slice(0, 1000) } : null;
    return {
      id: question.id,
      classification: answer.classification,
      result: table,
      metrics: answer.final?.metrics ?? {},
      text: answer.final?.text ?? null,
      sql: answer.final?.sql ?? null,
      code: answer.final?.code ?? null,
      grounded: answer.final?.grounded ?? true,
      llm_calls: answer.llmCalls,
      elapsed_ms: Math.round(answer.elapsedMs),
      error: answer.error,
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
      llm_calls: 0,
      elapsed_ms: Math.round(performance.now() - started),
      error: errorMessage(error),
    };
  } finally {
    await runtime.engine.forget(ref).catch(() => undefined);
  }
}
