// `insightx ask`: one question through the pipeline, streamed steps, then the answer.
import type { Command } from "commander";
import { runQuestion } from "../../pipeline/index.js";
import { channelRef, withContext } from "../context.js";
import { action } from "../output.js";
import { printAnswer, printEvent, slugify } from "../render-answer.js";

export function registerAskCommand(program: Command): void {
  program
    .command("ask")
    .description("ask a question about the channel's data")
    .argument("<question>", "the question, in plain words")
    .option("--channel <channel>", "channel id (or TEAM:CHANNEL); default: the local channel")
    .option("--thread <id>", "thread id: questions in one thread share history", "cli")
    .option("--out <dir>", "where to write the chart", "out")
    .option("--json", "print the events and the answer as JSON")
    .action(
      action(async (question: string, options: { channel?: string; thread: string; out: string; json?: boolean }) => {
        await withContext(async (runtime) => {
          const request = { ref: channelRef(options.channel), question, threadId: options.thread };
          const { events, answer } = await runQuestion(
            runtime.pipelineDeps(),
            request,
            options.json ? undefined : (event) => printEvent(event),
          );
          if (options.json) {
            const { chartPng: _png, ...rest } = answer;
            process.stdout.write(`${JSON.stringify({ events, answer: rest }, null, 2)}\n`);
          } else {
            await printAnswer(answer, { outDir: options.out, name: slugify(question) });
          }
          if (answer.error) process.exitCode = 1;
        });
      }),
    );
}
