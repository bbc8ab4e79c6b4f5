// Turns an SDK error into what the key pool needs: a reason, a cooldown, and whether it costs a retry.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { KeyFailureReason } from "./errors.js";

/** Cooldowns the pool applies; all in milliseconds. */
export interface CooldownPolicy {
  /** Rate limit without a Retry-After header. */
  rateLimitMs: number;
  /** 5xx, timeouts and connection errors: probably not the key's fault, so short. */
  transientMs: number;
  /** Quota exhausted: it will not come back soon. */
  quotaMs: number;
}

export type Failure =
  | {
      kind: "key";
      reason: KeyFailureReason;
      /** `Infinity` disables the key for the life of the process. */
      cooldownMs: number;
      /** Transient failures count against LLM_MAX_RETRIES; key-specific ones are bounded by the number of keys. */
      countsAsRetry: boolean;
      status: number | undefined;
    }
  | { kind: "request"; reason: "bad_request"; status: number | undefined }
  | { kind: "aborted" };

const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

export function classifyFailure(error: unknown, policy: CooldownPolicy, now: number): Failure {
  if (error instanceof APIConnectionTimeoutError) return transient("timeout", undefined, policy);
  if (error instanceof APIUserAbortError) return { kind: "aborted" };
  if (error instanceof APIConnectionError) return transient("connection_error", undefined, policy);
  if (!(error instanceof APIError) || error.status === undefined) {
    // Body read failed mid-way, or the reply was not JSON: treat like a flaky connection.
    return transient("connection_error", undefined, policy);
  }
  const status = error.status;
  if (isQuotaError(error)) {
    return { kind: "key", reason: "quota_exceeded", cooldownMs: policy.quotaMs, countsAsRetry: false, status };
  }
  if (status === 429) {
    const cooldownMs = retryAfterMs(error.headers, now) ?? policy.rateLimitMs;
    return { kind: "key", reason: "rate_limited", cooldownMs, countsAsRetry: false, status };
  }
  if (status === 401 || status === 403) {
    return { kind: "key", reason: "unauthorized", cooldownMs: Number.POSITIVE_INFINITY, countsAsRetry: false, status };
  }
  if (status >= 500 || status === 408) return transient("server_error", status, policy);
  return { kind: "request", reason: "bad_request", status };
}

function transient(reason: KeyFailureReason, status: number | undefined, policy: CooldownPolicy): Failure {
  return { kind: "key", reason, cooldownMs: policy.transientMs, countsAsRetry: true, status };
}

function isQuotaError(error: APIError): boolean {
  if (error.status === 402) return true;
  if (error.code === "insufficient_quota" || error.type === "insufficient_quota") return true;
  return error.status === 429 && /insufficient_quota/i.test(JSON.stringify(error.error ?? {}));
}

/** `retry-after-ms` (OpenAI's own), then `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_RETRY_AFTER_MS);
  const raw = headers.get("retry-after")?.trim();
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}
