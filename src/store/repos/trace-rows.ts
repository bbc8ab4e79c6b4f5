// Row types of traces and trace steps, and the SELECT lists that produce them.

export type TraceStatus = "running" | "completed" | "failed";
export type StepStatus = "running" | "completed" | "failed" | "skipped";

export interface Trace {
  id: string;
  sessionId: string | null;
  conversationId: string | null;
  /** The channel the question was asked in (null for traces written before channels were recorded). */
  teamId: string | null;
  channelId: string | null;
  question: string | null;
  classification: string | null;
  status: TraceStatus;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  error: string | null;
}

export interface TraceStep {
  id: number;
  traceId: string;
  step: string;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number | null;
  status: StepStatus;
  error: string | null;
  inputSummary: string | null;
  outputSummary: string | null;
  tokens: number | null;
  /** Which LLM key served the step (never the key itself). */
  keyIndex: number | null;
}

/** A trace to write; writing the same id again updates it (start, then end). */
export type NewTrace = Pick<Trace, "id" | "status" | "startedAt"> &
  Partial<
    Pick<
      Trace,
      | "sessionId"
      | "conversationId"
      | "teamId"
      | "channelId"
      | "question"
      | "classification"
      | "endedAt"
      | "durationMs"
      | "error"
    >
  >;

export type NewTraceStep = Pick<TraceStep, "traceId" | "step" | "startedAt" | "status"> &
  Partial<
    Pick<TraceStep, "endedAt" | "durationMs" | "error" | "inputSummary" | "outputSummary" | "tokens" | "keyIndex">
  >;

export interface TraceListItem extends Trace {
  stepCount: number;
}

export interface TraceSummary {
  trace: Trace;
  /** The trace's duration, or the sum of its steps' while it has none. */
  totalMs: number;
  steps: Array<TraceStep & { sharePct: number | null }>;
}

export const TRACE_COLUMNS = `t.id, t.session_id AS "sessionId", t.conversation_id AS "conversationId",
  t.team_id AS "teamId", t.channel_id AS "channelId", t.question,
  t.classification, t.status, t.started_at AS "startedAt", t.ended_at AS "endedAt", t.duration_ms AS "durationMs",
  t.error`;
export const STEP_COLUMNS = `id, trace_id AS "traceId", step, started_at AS "startedAt", ended_at AS "endedAt",
  duration_ms AS "durationMs", status, error, input_summary AS "inputSummary", output_summary AS "outputSummary",
  tokens, key_index AS "keyIndex"`;
