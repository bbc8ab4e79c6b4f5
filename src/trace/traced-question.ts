// Runs one question through the pipeline with a Tracer watching: the surfaces' way to get a trace for free.
import type { Answer, PipelineDeps, PipelineEvent, QuestionRequest } from "../pipeline/index.js";
import { meterLlm } from "./llm-meter.js";
import { Tracer, type TracerOptions, type TraceSink } from "./tracer.js";

export interface TracedQuestionOptions {
  sink: TraceSink;
  /** The trace id: the job id, so a retried job continues one trace. @defaultValue a random UUID */
  traceId?: string;
  onStep?: TracerOptions["onStep"];
}

/**
 * The pipeline's events, each observed by a new Tracer (LLM tokens and key index metered per step).
 * The caller finishes the trace (`tracer.finish()`) after its own steps, e.g. `tracer.step("post", …)`.
 */
export function tracedQuestion(
  deps: PipelineDeps,
  request: QuestionRequest,
  options: TracedQuestionOptions,
): { tracer: Tracer; events: AsyncGenerator<PipelineEvent, Answer> } {
  const tracer = new Tracer({
    sink: options.sink,
    question: request.question,
    channel: request.ref,
    ...(options.traceId === undefined ? {} : { traceId: options.traceId }),
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  });
  const metered: PipelineDeps = { ...deps, llm: meterLlm(deps.llm, tracer) };
  async function* observed(): AsyncGenerator<PipelineEvent, Answer> {
    // Loaded here so that importing the tracing folder (`insightx stats`) does not load the pipeline and its charts.
    const { answerQuestion } = await import("../pipeline/index.js");
    const generator = answerQuestion(metered, request);
    for (;;) {
      const next = await generator.next();
      if (next.done) return next.value;
      tracer.observe(next.value);
      yield next.value;
    }
  }
  return { tracer, events: observed() };
}
