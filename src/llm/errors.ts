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

/** One request failed and was not retried (or retries ran out). The message is scrubbed of keys. */
export class LlmRequestError extends UpstreamError {
  readonly status: number | undefined;
  readonly reason: KeyFailureReason | "bad_request" | "aborted";
  readonly keyIndex: number;

  constructor(
    code: "llm_request_failed" | "llm_retries_exhausted" | "llm_aborted",
    message: string,
    details: { status: number | undefined; reason: LlmRequestError["reason"]; keyIndex: number },
  ) {
    super(code, message);
    this.status = details.status;
    this.reason = details.reason;
    this.keyIndex = details.keyIndex;
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
