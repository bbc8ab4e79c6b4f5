// Derives a question's trace steps (seed 004) from its PipelineEvent stream, so the pipeline itself stays unaware.
import { randomUUID } from "node:crypto";
import type { PipelineEvent, Stage } from "../pipeline/index.js";
import type { NewTrace, NewTraceStep, StepStatus } from "../store/index.js";
import { errorMessage, scrubSecrets } from "../util/index.js";

export const STEP_NAMES = [
  "request",
  "orchestrate",
  "sql_generation",
  "sql_execution",
  "python",
  "compose",
  "render",
  "post",
] as const;
export type StepName = (typeof STEP_NAMES)[number];

const STAGE_STEP: Record<Stage, StepName> = {
  loading: "request",
  orchestrating: "orchestrate",
  sql_generation: "sql_generation",
  sql_execution: "sql_execution",
  python_execution: "python",
  composition: "compose",
  rendering: "render",
};

/** Where finished traces and steps go: a batched writer in production, an array in tests. */
export interface TraceSink {
  trace(trace: NewTrace): void;
  step(step: NewTraceStep): void;
}

export interface TracerOptions {
  sink: TraceSink;
  /** @defaultValue a random UUID */
  traceId?: string;
  question?: string;
  sessionId?: string;
  /** The channel asked in: forgetting the channel removes its traces. */
  channel?: { teamId: string; channelId: string };
  /** Called with every finished step (metrics). */
  onStep?: (step: NewTraceStep) => void;
}

interface OpenStep {
  name: StepName;
  startedAt: number;
  started: number;
  input?: string;
  output?: string;
  tokens: number;
  keyIndex?: number;
}

const SUMMARY_MAX = 240;

/** A one-line, secret-free summary, clipped. */
export function summarize(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
  const flat = scrubSecrets(text.replace(/\s+/g, " ").trim());
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

/** One question's trace: `observe` each pipeline event, wrap other work in `step`, then `finish`. */
export class Tracer {
  readonly id: string;
  private readonly startedAt = Date.now();
  private readonly started = performance.now();
  private open: OpenStep | null;
  private classification: string | undefined;
  private error: string | undefined;
  private finished = false;

  constructor(private readonly options: TracerOptions) {
    this.id = options.traceId ?? randomUUID();
    this.open = this.begin("request", options.question === undefined ? undefined : summarize(options.question));
    options.sink.trace(this.record("running"));
  }

  observe(event: PipelineEvent): void {
    switch (event.type) {
      case "status": {
        const name = STAGE_STEP[event.data.stage];
        if (this.open?.name === name) return;
        this.close("completed");
        this.open = this.begin(name);
        return;
      }
      case "orchestrator_result":
        this.classification = event.data.classification;
        this.annotate({ output: `${event.data.classification}: ${event.data.reasoning}` });
        return;
      case "sql_result":
        this.annotate({
          input: event.data.query,
          output: `${event.data.rows} rows, ${event.data.columns.length} columns (attempt ${event.data.attempt})`,
        });
        return;
      case "python_result":
        this.annotate({ input: event.data.code, output: `${event.data.summary} (attempt ${event.data.attempt})` });
        return;
      case "key_rotation_event":
        this.annotate({ output: `key ${event.data.from_index} → ${event.data.to_index}: ${event.data.reason}` });
        return;
      case "final_response":
        this.annotate({ output: event.data.text });
        this.close("completed");
        return;
      case "error":
        this.error = summarize(event.data.message);
        this.close("failed", this.error);
        return;
    }
  }

  /** Records LLM usage against the step that is open now. */
  addUsage(tokens: number, keyIndex: number): void {
    if (!this.open) return;
    this.open.tokens += tokens;
    this.open.keyIndex = keyIndex;
  }

  /** Times work outside the pipeline (posting to Slack) as a step of this trace. */
  async step<T>(name: StepName, fn: () => Promise<T>, input?: string): Promise<T> {
    this.close("completed");
    const open = this.begin(name, input === undefined ? undefined : summarize(input));
    this.open = open;
    try {
      const result = await fn();
      if (this.open === open) this.close("completed");
      return result;
    } catch (error) {
      if (this.open === open) this.close("failed", summarize(errorMessage(error)));
      throw error;
    }
  }

  /** Ends the trace; failed when an error event was seen or `error` is given. */
  finish(error?: unknown): void {
    if (this.finished) return;
    if (error !== undefined) this.error = summarize(errorMessage(error));
    this.close(this.error ? "failed" : "completed", this.error);
    this.finished = true;
    const durationMs = performance.now() - this.started;
    this.options.sink.trace({
      ...this.record(this.error ? "failed" : "completed"),
      endedAt: new Date(this.startedAt + durationMs),
      durationMs,
    });
  }

  private begin(name: StepName, input?: string): OpenStep {
    const offset = performance.now() - this.started;
    return {
      name,
      startedAt: this.startedAt + offset,
      started: performance.now(),
      tokens: 0,
      ...(input === undefined ? {} : { input }),
    };
  }

  private annotate(summary: { input?: string; output?: string }): void {
    if (!this.open) return;
    if (summary.input !== undefined) this.open.input = summarize(summary.input);
    if (summary.output !== undefined) this.open.output = summarize(summary.output);
  }

  private close(status: StepStatus, error?: string): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    const durationMs = performance.now() - open.started;
    const step: NewTraceStep = {
      traceId: this.id,
      step: open.name,
      startedAt: new Date(open.startedAt),
      endedAt: new Date(open.startedAt + durationMs),
      durationMs,
      status,
      ...(error === undefined ? {} : { error }),
      ...(open.input === undefined ? {} : { inputSummary: open.input }),
      ...(open.output === undefined ? {} : { outputSummary: open.output }),
      ...(open.tokens > 0 ? { tokens: open.tokens } : {}),
      ...(open.keyIndex === undefined ? {} : { keyIndex: open.keyIndex }),
    };
    this.options.sink.step(step);
    this.options.onStep?.(step);
  }

  private record(status: NewTrace["status"]): NewTrace {
    return {
      id: this.id,
      status,
      startedAt: new Date(this.startedAt),
      ...(this.options.question === undefined ? {} : { question: summarize(this.options.question) }),
      ...(this.options.sessionId === undefined ? {} : { sessionId: this.options.sessionId }),
      ...(this.options.channel === undefined
        ? {}
        : { teamId: this.options.channel.teamId, channelId: this.options.channel.channelId }),
      ...(this.classification === undefined ? {} : { classification: this.classification }),
      ...(this.error === undefined ? {} : { error: this.error }),
    };
  }
}
