// `insightx eval`: each question's datasets into a fresh channel, its turns asked through the normal pipeline, one JSON line each.
import { withContext } from "../context.js";
import { readQuestions } from "../eval/question.js";
import { formatSummary, runEval } from "../eval/run.js";
import { withTraces } from "../traced-run.js";

interface EvalOptions {
  questions: string;
  dataDir: string;
  out: string;
  json?: boolean;
}

const MARK = { right: "✓", wrong: "✗", clarified: "?", error: "!", unjudged: "·" } as const;

export async function run(options: EvalOptions): Promise<void> {
  const questions = await readQuestions(options.questions);
  await withContext((runtime) =>
    // Every turn traced like a Slack question (`insightx stats`).
    withTraces(runtime, async (traces) => {
      const summary = await runEval(runtime, questions, {
        dataDir: options.dataDir,
        out: options.out,
        traces,
        onAnswer: (question, line, outcome) =>
          process.stderr.write(
            `${MARK[outcome]} ${question.id} (${line.classification ?? "error"}, ${line.elapsed_ms} ms)${line.error ? `: ${line.error}` : ""}\n`,
          ),
      });
      if (options.json) process.stdout.write(`${JSON.stringify({ ...summary, answers: options.out }, null, 2)}\n`);
      else process.stdout.write(`eval: ${formatSummary(summary)}; answers in ${options.out}\n`);
    }),
  );
}
