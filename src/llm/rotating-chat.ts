// Sends a chat request through the key pool: a key's failure (429, 401, quota) sets it aside and rotates; a
// server's failure (5xx, timeout) is retried after a backoff without blaming the key; when every key is cooling
// and the soonest is back within a few seconds, the request waits for it. Nothing runs past the deadline.
import type { Logger } from "../util/index.js";
import { type CooldownPolicy, classifyFailure } from "./classify-failure.js";
import { AllKeysCoolingDownError, LlmDeadlineError, LlmRequestError } from "./errors.js";
import type { KeyPool, KeyRotation } from "./key-pool.js";
import type { KeyStatsRecorder } from "./key-stats.js";
import type { ChatBody, ChatReply, OpenAiTransport } from "./openai-transport.js";
import type { Redactor } from "./redact.js";
import type { LlmEvent } from "./types.js";

export interface RotatingChatDeps {
  pool: KeyPool;
  transport: OpenAiTransport;
  recorder: KeyStatsRecorder;
  redact: Redactor;
  logger: Logger;
  model: string;
  /** Transient failures (5xx, timeouts, connection errors) allowed per request. */
  maxRetries: number;
  cooldowns: CooldownPolicy;
  /** How long a request may wait for a cooling key to come back before giving up on the model. */
  maxWaitMs: number;
  now: () => number;
  /** @defaultValue a timer */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** @defaultValue `Math.random` */
  random?: () => number;
  onEvent?: ((event: LlmEvent) => void) | undefined;
}

export interface RotatingReply extends ChatReply {
  keyIndex: number;
  attempts: number;
}

export interface SendOptions {
  signal?: AbortSignal | undefined;
  onEvent?: ((event: LlmEvent) => void) | undefined;
  /** Epoch ms (`Date.now`) after which no request is sent and none is waited for. */
  deadline?: number | undefined;
  /** The configured length of that deadline, for the error message. */
  deadlineMs?: number | undefined;
}

/** Backoff after the n-th transient failure: 250 ms doubling to 4 s, with equal jitter. */
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 4_000;

/**
 * Key failures rotate without limit other than the number of keys (each one sets a key aside); transient failures
 * count against `maxRetries`. Attempts never exceed keys + maxRetries + 1 plus the waits for a cooling key.
 */
export async function sendWithRotation(
  deps: RotatingChatDeps,
  body: ChatBody,
  options: SendOptions = {},
): Promise<RotatingReply> {
  const random = deps.random ?? Math.random;
  const sleep = deps.sleep ?? sleepFor;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const pastDeadline = () => new LlmDeadlineError(options.deadlineMs ?? 0);
  const pause = async (ms: number, keyIndex: number) => {
    if (Date.now() + ms >= deadline) throw pastDeadline();
    try {
      await sleep(ms, options.signal);
    } catch {
      throw aborted(keyIndex);
    }
  };
  const emit = (rotation: KeyRotation) => {
    deps.logger.warn({ event: "key_rotation", ...rotation }, "LLM key rotated");
    const event: LlmEvent = { type: "key_rotation_event", data: { ...rotation } };
    for (const listener of [deps.onEvent, options.onEvent]) {
      try {
        listener?.(event);
      } catch (error) {
        deps.logger.warn({ err: error }, "key rotation listener threw");
      }
    }
  };
  let attempts = 0;
  let transientFailures = 0;
  let keyFailures = 0;
  for (;;) {
    if (Date.now() >= deadline) throw pastDeadline();
    let lease: { index: number; key: string };
    try {
      lease = deps.pool.acquire();
    } catch (error) {
      const wait =
        error instanceof AllKeysCoolingDownError && error.retryAt !== null ? error.retryAt - deps.now() : null;
      if (wait === null || wait > deps.maxWaitMs) throw error;
      // Jitter so requests waiting for the same key do not all arrive in the same millisecond.
      const ms = Math.max(0, wait) + 50 + random() * 200;
      deps.logger.info({ waitMs: Math.round(ms) }, "every LLM key is cooling down; waiting for the soonest");
      await pause(ms, -1);
      continue;
    }
    const { index, key } = lease;
    attempts += 1;
    const started = deps.now();
    try {
      const reply = await deps.transport.send(key, deps.model, body, {
        signal: options.signal,
        timeoutMs: Number.isFinite(deadline) ? deadline - Date.now() : undefined,
      });
      deps.pool.succeed(index);
      deps.recorder.add(index, { calls: 1, failures: 0, ...reply.usage });
      deps.logger.debug(
        { keyIndex: index, model: deps.model, elapsedMs: deps.now() - started, ...reply.usage },
        "LLM reply received",
      );
      return { ...reply, keyIndex: index, attempts };
    } catch (error) {
      const failure = classifyFailure(error, deps.cooldowns, deps.now());
      const message = deps.redact(error instanceof Error ? error.message : String(error));
      if (failure.kind === "aborted") throw aborted(index);
      if (failure.kind === "request") {
        deps.recorder.add(index, { calls: 1, failures: 1, promptTokens: 0, completionTokens: 0 });
        const provider = failure.provider
          ? {
              ...failure.provider,
              message: deps.redact(failure.provider.message),
              failedGeneration:
                failure.provider.failedGeneration === null ? null : deps.redact(failure.provider.failedGeneration),
            }
          : null;
        throw new LlmRequestError("llm_request_failed", `The LLM endpoint refused the request: ${message}`, {
          status: failure.status,
          reason: failure.reason,
          keyIndex: index,
          provider,
        });
      }
      // A timeout at the question's deadline is the deadline, not the server's failure.
      if (failure.reason === "timeout" && Date.now() >= deadline - 5) throw pastDeadline();
      deps.recorder.add(index, {
        calls: 1,
        failures: 1,
        promptTokens: 0,
        completionTokens: 0,
        lastReason: failure.reason,
      });
      deps.logger.warn(
        { keyIndex: index, reason: failure.reason, status: failure.status, elapsedMs: deps.now() - started },
        `LLM request failed: ${message}`,
      );
      if (failure.kind === "key") {
        keyFailures += 1;
        const rotated = deps.pool.fail(index, failure.reason, failure.cooldownMs, deps.cooldowns.rateLimitMs);
        if (rotated) emit(rotated);
        if (keyFailures > deps.pool.size + deps.maxRetries) {
          throw exhausted(attempts, failure.reason, message, failure.status, index);
        }
        continue;
      }
      transientFailures += 1;
      if (transientFailures > deps.maxRetries) {
        throw exhausted(attempts, failure.reason, message, failure.status, index);
      }
      const backoff = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (transientFailures - 1));
      await pause(backoff / 2 + random() * (backoff / 2), index);
    }
  }
}

function aborted(keyIndex: number): LlmRequestError {
  return new LlmRequestError("llm_aborted", "The LLM request was cancelled.", {
    status: undefined,
    reason: "aborted",
    keyIndex,
  });
}

function exhausted(
  attempts: number,
  reason: string,
  message: string,
  status: number | undefined,
  keyIndex: number,
): LlmRequestError {
  return new LlmRequestError(
    "llm_retries_exhausted",
    `The LLM endpoint failed ${attempts} times, last with ${reason}: ${message}`,
    { status, reason: reason as LlmRequestError["reason"], keyIndex },
  );
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
