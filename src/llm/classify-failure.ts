// Turns an SDK error into what the retry loop needs: whose fault it is, for how long a key is set aside, and the
// provider's own words (code, param, message) for the request-shaping layer to read.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { KeyFailureReason, ProviderErrorDetails } from "./errors.js";

/** Cooldowns the pool applies; all in milliseconds. */
export interface CooldownPolicy {
  /** Longest a rate-limited key is set aside when the server says nothing about when to come back. */
  rateLimitMs: number;
  /** Quota exhausted: it will not come back soon. */
  quotaMs: number;
}

export type Failure =
  | {
      /** The key's fault: set it aside and try another. */
      kind: "key";
      reason: Extract<KeyFailureReason, "rate_limited" | "unauthorized" | "quota_exceeded">;
      /** `Infinity` disables the key; null = the server gave no hint (the pool backs off exponentially). */
      cooldownMs: number | null;
      status: number | undefined;
    }
  | {
      /** Not the key's fault (5xx, timeout, connection): retry after a backoff, the key stays healthy. */
      kind: "transient";
      reason: Extract<KeyFailureReason, "server_error" | "timeout" | "connection_error">;
      status: number | undefined;
    }
  | { kind: "request"; reason: "bad_request"; status: number | undefined; provider: ProviderErrorDetails | null }
  | { kind: "aborted" };

const MAX_RETRY_AFTER_MS = 24 * 3600 * 1000;

/** A 5xx that names the grammar or the schema will fail the same way again: the request must change. */
const GRAMMAR_FAILURE = /grammar|xgrammar|outlines|guided|json[ _]?schema|response[_ ]format|structured output/i;

export function classifyFailure(error: unknown, policy: CooldownPolicy, now: number): Failure {
  if (error instanceof APIConnectionTimeoutError) return { kind: "transient", reason: "timeout", status: undefined };
  if (error instanceof APIUserAbortError) return { kind: "aborted" };
  if (error instanceof APIConnectionError) {
    return { kind: "transient", reason: "connection_error", status: undefined };
  }
  if (!(error instanceof APIError) || error.status === undefined) {
    // Body read failed mid-way, or the reply was not JSON: treat like a flaky connection.
    return { kind: "transient", reason: "connection_error", status: undefined };
  }
  const status = error.status;
  const provider = providerDetails(error);
  if (isQuotaError(error)) {
    return { kind: "key", reason: "quota_exceeded", cooldownMs: policy.quotaMs, status };
  }
  if (status === 429) {
    const hinted = retryAfterMs(error.headers, now) ?? rateLimitResetMs(error.headers);
    return { kind: "key", reason: "rate_limited", cooldownMs: hinted ?? null, status };
  }
  if (status === 401 || status === 403) {
    return { kind: "key", reason: "unauthorized", cooldownMs: Number.POSITIVE_INFINITY, status };
  }
  if (status >= 500 && GRAMMAR_FAILURE.test(provider?.message ?? "")) {
    return { kind: "request", reason: "bad_request", status, provider };
  }
  if (status >= 500 || status === 408) return { kind: "transient", reason: "server_error", status };
  return { kind: "request", reason: "bad_request", status, provider };
}

/** The provider's error as the normalising transport left it (OpenAI's shape). */
function providerDetails(error: APIError): ProviderErrorDetails | null {
  const body = error.error as Record<string, unknown> | undefined;
  if (!body || typeof body !== "object") return null;
  const text = (value: unknown) => (value === undefined || value === null || value === "" ? null : String(value));
  return {
    message: text(body.message) ?? error.message,
    code: text(body.code),
    param: text(body.param),
    type: text(body.type),
    failedGeneration: typeof body.failed_generation === "string" ? body.failed_generation : null,
  };
}

function isQuotaError(error: APIError): boolean {
  if (error.status === 402) return true;
  if (error.code === "insufficient_quota" || error.type === "insufficient_quota") return true;
  return (
    error.status === 429 && /insufficient_quota|exceeded your current quota/i.test(JSON.stringify(error.error ?? {}))
  );
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

/**
 * OpenAI and Groq say when each limit resets (`x-ratelimit-reset-requests: 1s`, `…-tokens: 6m0s`); the one that
 * ran out (remaining 0) is the one to wait for.
 */
export function rateLimitResetMs(headers: Headers | undefined): number | undefined {
  if (!headers) return undefined;
  let wait: number | undefined;
  for (const limit of ["requests", "tokens"]) {
    const remaining = headers.get(`x-ratelimit-remaining-${limit}`);
    const reset = parseDuration(headers.get(`x-ratelimit-reset-${limit}`));
    if (reset === undefined || (remaining !== null && Number(remaining) > 0)) continue;
    wait = Math.max(wait ?? 0, reset);
  }
  return wait === undefined ? undefined : Math.min(wait, MAX_RETRY_AFTER_MS);
}

/** "1s", "6m0s", "59.5ms", "1h2m3.5s" → milliseconds. */
export function parseDuration(text: string | null): number | undefined {
  if (!text) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let matched = "";
  for (const match of text.trim().matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * (units[match[2]] ?? 0);
    matched += match[0];
  }
  return matched === text.trim() && matched !== "" ? total : undefined;
}
