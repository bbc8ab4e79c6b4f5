// `insightx ask`: one question through the pipeline, streamed steps, then the answer; traced like Slack's.
import { channelRef } from "../channel.js";
import { withContext } from "../context.js";
import { printAnswer, printEvent, slugify } from "../render-answer.js";
import { runTraced, withTraces } from "../traced-run.js";

interface AskOptions {
  channel?: string;
  thread: string;
  out: string;
  json?: boolean;
}

export async function run(question: string, options: AskOptions): Promise<void> {
  await withContext((runtime) =>
    withTraces(runtime, async (traces) => {
      const request = { ref: channelRef(options.channel), question, threadId: options.thread };
      const { answer } = await runTraced(runtime.pipelineDeps(), traces, request, {
        ...(options.json ? {} : { onEvent: (event) => printEvent(event) }),
        deliver: async ({ events, answer: done, traceId }) => {
          if (options.json) {
            const { chartPng: _png, ...rest } = done;
            process.stdout.write(`${JSON.stringify({ events, answer: rest, trace_id: traceId }, null, 2)}\n`);
          } else {
            await printAnswer(done, { outDir: options.out, name: slugify(question) });
          }
        },
      });
      if (answer.error) process.exitCode = 1;
    }),
  );
}
