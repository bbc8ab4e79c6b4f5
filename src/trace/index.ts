// Tracing (seed 004): every question's steps timed from its event stream, written in batches, and the stats over them.
export { meterLlm, type UsageRecorder } from "./llm-meter.js";
export { formatStats, queryStats, runStats, STATS_USAGE, type StatsResult, splitWords } from "./stats-command.js";
export { TraceWriter, type TraceWriterOptions } from "./trace-writer.js";
export { type TracedQuestionOptions, tracedQuestion } from "./traced-question.js";
export { STEP_NAMES, type StepName, summarize, Tracer, type TracerOptions, type TraceSink } from "./tracer.js";
