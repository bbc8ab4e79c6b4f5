// `insightx eval`: each question's datasets into a fresh channel, its turns asked through the normal pipeline, one JSON line each.
import type { Command } from "commander";
import { withContext } from "../context.js";
import { readQuestions } from "../eval/question.js";
import { formatSummary, runEval } from "../eval/run.js";
import { action } from "../output.js";

interface EvalOptions {
  questions: string;
  dataDir: string;
  out: string;
}

const MARK = { right: "✓", wrong: "✗", clarified: "?", error: "!", unjudged: "·" } as const;

export function registerEvalCommand(program: Command): void {
  program
    .command("eval")
    .description("answer an eval question set and write one JSON line per answer (see shared/eval/README.md)")
    .option("--questions <file>", "questions.jsonl", "../shared/eval/questions.jsonl")
    .option("--data-dir <dir>", "where the datasets are", "node_modules/vega-datasets/data")
    .option("--out <file>", "answers.jsonl to write", "out/eval-answers.jsonl")
    .action(
      action(async (options: EvalOptions) => {
        const questions = await readQuestions(options.questions);
        await withContext(async (runtime) => {
          const summary = await runEval(runtime, questions, {
            dataDir: options.dataDir,
            out: options.out,
            onAnswer: (question, line, outcome) =>
              process.stderr.write(
                `${MARK[outcome]} ${question.id} (${line.classification ?? "error"}, ${line.elapsed_ms} ms)${line.error ? `: ${line.error}` : ""}\n`,
              ),
          });
          process.stdout.write(`eval: ${formatSummary(summary)}; answers in ${options.out}\n`);
        });
      }),
    );
}
