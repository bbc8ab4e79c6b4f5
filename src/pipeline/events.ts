// The PipelineEvent contract between the pipeline and its surfaces (Slack, CLI, SSE), validated with zod.
import { z } from "zod";
import { CLASSIFICATIONS, type Classification } from "../planner/index.js";

export { CLASSIFICATIONS, type Classification };

export const STAGES = [
  "loading",
  "orchestrating",
  "sql_generation",
  "sql_execution",
  "python_execution",
  "composition",
  "rendering",
] as const;
export type Stage = (typeof STAGES)[number];

const metricValue = z.union([z.number(), z.string()]);

export const pipelineEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("status"),
    message: z.string(),
    data: z.object({ stage: z.enum(STAGES), message: z.string() }),
  }),
  z.object({
    type: z.literal("orchestrator_result"),
    data: z.object({
      classification: z.enum(CLASSIFICATIONS),
      reasoning: z.string(),
      columns_needed: z.array(z.string()),
    }),
  }),
  z.object({
    type: z.literal("sql_result"),
    data: z.object({
      query: z.string(),
      rows: z.number().int().nonnegative(),
      columns: z.array(z.string()),
      preview: z.array(z.array(z.unknown())),
      elapsed_ms: z.number().nonnegative(),
      attempt: z.number().int().positive(),
    }),
  }),
  z.object({
    type: z.literal("python_result"),
    data: z.object({
      code: z.string(),
      results: z.unknown(),
      summary: z.string(),
      elapsed_ms: z.number().nonnegative(),
      attempt: z.number().int().positive(),
    }),
  }),
  z.object({
    type: z.literal("key_rotation_event"),
    data: z.object({ from_index: z.number().int(), to_index: z.number().int(), reason: z.string() }),
  }),
  z.object({
    type: z.literal("final_response"),
    data: z.object({
      text: z.string(),
      metrics: z.record(z.string(), metricValue),
      chart_spec: z.record(z.string(), z.unknown()).nullable(),
      follow_ups: z.array(z.string()),
      sql: z.string().nullable(),
      code: z.string().nullable(),
      grounded: z.boolean(),
    }),
  }),
  z.object({
    type: z.literal("error"),
    message: z.string(),
    data: z.object({ message: z.string(), stage: z.enum(STAGES), retryable: z.boolean() }),
  }),
]);

export type PipelineEvent = z.infer<typeof pipelineEventSchema>;
export type FinalResponse = Extract<PipelineEvent, { type: "final_response" }>["data"];

const STATUS_TEXT: Record<Stage, string> = {
  loading: "Loading dataset profile...",
  orchestrating: "Analyzing query...",
  sql_generation: "Generating SQL query...",
  sql_execution: "Executing SQL query...",
  python_execution: "Running Python analysis...",
  composition: "Composing response...",
  rendering: "Rendering chart...",
};

export function statusEvent(stage: Stage, message = STATUS_TEXT[stage]): PipelineEvent {
  return { type: "status", message, data: { stage, message } };
}

export function errorEvent(stage: Stage, message: string, retryable: boolean): PipelineEvent {
  return { type: "error", message, data: { message, stage, retryable } };
}

/** Validates at the boundary: a malformed event is a bug, caught in tests. */
export function checkEvent(event: PipelineEvent): PipelineEvent {
  return pipelineEventSchema.parse(event);
}
