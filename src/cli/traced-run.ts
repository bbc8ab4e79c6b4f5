// CLI questions are traced the way Slack's are (the channel asked in, the CLI's user), so `insightx stats` works on
// a laptop with no Slack at all.
import type { Runtime } from "../app/index.js";
import type { Answer, PipelineDeps, PipelineEvent, QuestionRequest } from "../pipeline/index.js";
import { TraceWriter, tracedQuestion } from "../trace/index.js";
import { CLI_USER } from "./context.js";

export interface TracedRun {
  events: PipelineEvent[];
  answer: Answer;
  /** The trace id, for `insightx stats summary ID`. */
  traceId: string;
}

/** Batched trace writes into the runtime's store for the whole command; flushed when `fn` ends. */
export async function withTraces<T>(runtime: Runtime, fn: (traces: TraceWriter) => Promise<T>): Promise<T> {
  const traces = new TraceWriter({ traces: runtime.store.traces, logger: runtime.logger });
  try {
    return await fn(traces);
  } finally {
    await traces.close();
  }
}

/**
 * One question through the pipeline with a tracer watching, asked by the CLI's user; `deliver` (printing the
 * answer, writing the chart) is timed as the trace's `post` step, as posting to Slack is.
 */
export async function runTraced(
  deps: PipelineDeps,
  traces: TraceWriter,
  request: Omit<QuestionRequest, "userId">,
  options: { onEvent?: (event: PipelineEvent) => void; deliver?: (run: TracedRun) => Promise<unknown> } = {},
): Promise<TracedRun> {
  const { tracer, events } = tracedQuestion(deps, { ...request, userId: CLI_USER }, { sink: traces });
  const seen: PipelineEvent[] = [];
  try {
    let answer: Answer;
    for (;;) {
      const next = await events.next();
      if (next.done) {
        answer = next.value;
        break;
      }
      seen.push(next.value);
      options.onEvent?.(next.value);
    }
    const run: TracedRun = { events: seen, answer, traceId: tracer.id };
    const deliver = options.deliver;
    if (deliver && answer.final && !answer.error) await tracer.step("post", () => deliver(run));
    else await deliver?.(run);
    tracer.finish();
    return run;
  } catch (error) {
    tracer.finish(error);
    throw error;
  }
}
