// Typed LLM failures: callers branch on the class or its stable `code`, never on message text.
import { UpstreamError } from "../util/index.js";

/** Why a key was set aside; the same words appear in `key_rotation_event.reason` and in stats. */
export type KeyFailureReason =
  | "rate_limited"
  | "unauthorized"
  | "quota_exceeded"
  | "server_error"
  | "timeout"
  | "connection_error";

/** No usable LLM key: none configured, or every key is cooling down. The pipeline falls back to the offline planner. */
export class LlmUnavailableError extends UpstreamError {
  constructor(message: string, hint?: string) {
    super("llm_unavailable", message, hint === undefined ? {} : { hint });
  }
}

/** Every configured key is cooling down or disabled. */
export class AllKeysCoolingDownError extends LlmUnavailableError {
  /** When the soonest key is usable again (epoch ms); `null` when every key is disabled. */
  readonly retryAt: number | null;

  constructor(retryAt: number | null, now: number) {
    const when =
      retryAt === null
        ? "every key is disabled (rejected as unauthorized)"
        : `the first key is back in ${Math.max(0, Math.ceil((retryAt - now) / 1000))} s`;
    super(
      `All LLM API keys are cooling down; ${when}.`,
      retryAt === null ? "Check LLM_API_KEYS and restart." : "Answering with the offline planner meanwhile.",
    );
    this.retryAt = retryAt;
  }
}

/** What the provider's error body said, in OpenAI's shape whatever the provider's own; scrubbed of keys. */
export interface ProviderErrorDetails {
  message: string;
  /** OpenAI's `code` (`unsupported_value`, `json_validate_failed`…), or the provider's, as text. */
  code: string | null;
  /** The request field the error names (`temperature`, `response_format`…). */
  param: string | null;
  type: string | null;
  /** Groq returns the model's rejected output with `json_validate_failed`. */
  failedGeneration: string | null;
}

/** One request failed and was not retried (or retries ran out). The message is scrubbed of keys. */
export class LlmRequestError extends UpstreamError {
  readonly status: number | undefined;
  readonly reason: KeyFailureReason | "bad_request" | "aborted";
  readonly keyIndex: number;
  /** The provider's error, when it sent one. */
  readonly provider: ProviderErrorDetails | null;

  constructor(
    code: "llm_request_failed" | "llm_retries_exhausted" | "llm_aborted",
    message: string,
    details: {
      status: number | undefined;
      reason: LlmRequestError["reason"];
      keyIndex: number;
      provider?: ProviderErrorDetails | null;
    },
  ) {
    super(code, message);
    this.status = details.status;
    this.reason = details.reason;
    this.keyIndex = details.keyIndex;
    this.provider = details.provider ?? null;
  }
}

/** The question's time for the model ran out (LLM_QUESTION_DEADLINE_MS); the fallback answers instead. */
export class LlmDeadlineError extends UpstreamError {
  readonly deadlineMs: number;

  constructor(deadlineMs: number) {
    super("llm_deadline", `The AI model did not answer within ${Math.round(deadlineMs / 1000)} s.`);
    this.deadlineMs = deadlineMs;
  }
}

/** The model's reply did not parse or match the schema, even after one repair round trip. */
export class LlmInvalidOutputError extends UpstreamError {
  readonly schemaName: string;
  readonly problems: string[];

  constructor(schemaName: string, problems: string[]) {
    super(
      "llm_invalid_output",
      `The model's reply did not match ${schemaName} after one repair attempt: ${problems.slice(0, 5).join("; ")}`,
    );
    this.schemaName = schemaName;
    this.problems = problems;
  }
}
