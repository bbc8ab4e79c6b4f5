// Sends a chat request through the key pool: on a key's failure, set it aside, rotate, emit the event, retry.
import type { Logger } from "../util/index.js";
import { type CooldownPolicy, classifyFailure } from "./classify-failure.js";
import { LlmRequestError } from "./errors.js";
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
  now: () => number;
  onEvent?: ((event: LlmEvent) => void) | undefined;
}

export interface RotatingReply extends ChatReply {
  keyIndex: number;
  attempts: number;
}

/**
 * Key failures (429, 401/403, quota) rotate without limit other than the number of keys, since each one
 * sets a key aside; transient failures also rotate but count against `maxRetries`. When no key is left,
 * `pool.acquire()` throws `AllKeysCoolingDownError`. Attempts never exceed keys + maxRetries + 1.
 */
export async function sendWithRotation(
  deps: RotatingChatDeps,
  body: ChatBody,
  options: { signal?: AbortSignal | undefined; onEvent?: ((event: LlmEvent) => void) | undefined } = {},
): Promise<RotatingReply> {
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
  for (;;) {
    const { index, key, rotation } = deps.pool.acquire();
    if (rotation) emit(rotation);
    attempts += 1;
    const started = deps.now();
    try {
      const reply = await deps.transport.send(key, deps.model, body, options.signal);
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
      if (failure.kind === "aborted") {
        throw new LlmRequestError("llm_aborted", "The LLM request was cancelled.", {
          status: undefined,
          reason: "aborted",
          keyIndex: index,
        });
      }
      if (failure.kind === "request") {
        deps.recorder.add(index, { calls: 1, failures: 1, promptTokens: 0, completionTokens: 0 });
        throw new LlmRequestError("llm_request_failed", `The LLM endpoint refused the request: ${message}`, {
          status: failure.status,
          reason: failure.reason,
          keyIndex: index,
        });
      }
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
      const rotated = deps.pool.fail(index, failure.reason, failure.cooldownMs);
      if (rotated) emit(rotated);
      if (failure.countsAsRetry) transientFailures += 1;
      // The cap matters only when a server asks for no cooldown (Retry-After: 0) and fails again.
      if (transientFailures > deps.maxRetries || attempts >= deps.pool.size + deps.maxRetries + 1) {
        throw new LlmRequestError(
          "llm_retries_exhausted",
          `The LLM endpoint failed ${attempts} times, last with ${failure.reason}: ${message}`,
          { status: failure.status, reason: failure.reason, keyIndex: index },
        );
      }
    }
  }
}
