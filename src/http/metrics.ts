// Prometheus metrics (prom-client) on a registry of our own: questions, step durations, errors, queue depth, key rotations.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { JobQueue } from "../jobs/index.js";
import type { PipelineEvent } from "../pipeline/index.js";
import type { NewTraceStep } from "../store/index.js";

export interface Metrics {
  registry: Registry;
  /** Counts a question's outcome once its events are done. */
  question(classification: string | null, outcome: "answered" | "failed" | "clarify"): void;
  /** Feeds a finished trace step (a Tracer's `onStep`). */
  step(step: NewTraceStep): void;
  /** Feeds a pipeline event: errors and key rotations. */
  event(event: PipelineEvent): void;
  /** Reports the queue's depth when scraped. */
  watchQueue(queue: JobQueue): void;
}

export interface MetricsOptions {
  /** Process metrics (CPU, memory, event loop lag). @defaultValue true */
  defaults?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.defaults !== false) collectDefaultMetrics({ register: registry, prefix: "insightx_" });
  const questions = new Counter({
    name: "insightx_questions_total",
    help: "Questions answered, by plan classification and outcome",
    labelNames: ["classification", "outcome"],
    registers: [registry],
  });
  const steps = new Histogram({
    name: "insightx_step_duration_seconds",
    help: "Duration of each traced step",
    labelNames: ["step", "status"],
    buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  });
  const errors = new Counter({
    name: "insightx_errors_total",
    help: "Questions that ended in an error, by pipeline stage",
    labelNames: ["stage", "retryable"],
    registers: [registry],
  });
  const rotations = new Counter({
    name: "insightx_key_rotations_total",
    help: "LLM key rotations, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  const queues: JobQueue[] = [];
  new Gauge({
    name: "insightx_queue_jobs",
    help: "Jobs in the queue, by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of queues) {
        const counts = await queue.counts().catch(() => null);
        if (!counts) continue;
        for (const [state, value] of Object.entries(counts)) this.inc({ state }, value);
      }
    },
  });
  return {
    registry,
    question: (classification, outcome) => questions.inc({ classification: classification ?? "none", outcome }),
    step: (step) => steps.observe({ step: step.step, status: step.status }, (step.durationMs ?? 0) / 1000),
    event(event) {
      if (event.type === "error") errors.inc({ stage: event.data.stage, retryable: String(event.data.retryable) });
      if (event.type === "key_rotation_event") rotations.inc({ reason: event.data.reason });
    },
    watchQueue: (queue) => void queues.push(queue),
  };
}
