// Builds the OpenAI-compatible LlmClient from Config: key pool, transport, counters and structured output.
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import type { CooldownPolicy } from "./classify-failure.js";
import { withFormatFallback } from "./format-fallback.js";
import { KeyPool } from "./key-pool.js";
import { KeyStatsRecorder, type KeyStatsSink } from "./key-stats.js";
import { OpenAiTransport } from "./openai-transport.js";
import { createRedactor } from "./redact.js";
import { type RotatingChatDeps, sendWithRotation } from "./rotating-chat.js";
import { completeStructured } from "./structured.js";
import type { KeyStats, LlmClient, LlmEvent } from "./types.js";

export interface LlmClientOptions {
  config: Pick<
    Config,
    "LLM_BASE_URL" | "LLM_MODEL" | "LLM_API_KEYS" | "LLM_TIMEOUT_MS" | "LLM_MAX_RETRIES" | "LLM_KEY_COOLDOWN_MS"
  >;
  logger: Logger;
  /** Receives every key rotation (the pipeline forwards it as a `key_rotation_event`). */
  onEvent?: (event: LlmEvent) => void;
  /** Where per-key counters are persisted. @defaultValue none: counters live only in memory */
  statsSink?: KeyStatsSink;
  /** @defaultValue the global `fetch` */
  fetch?: typeof fetch;
  /** Clock for cooldowns. @defaultValue `Date.now` */
  now?: () => number;
}

/** Quota errors set a key aside for at least an hour; transient failures for at most ten seconds. */
export function cooldownPolicy(config: LlmClientOptions["config"]): CooldownPolicy {
  const base = config.LLM_KEY_COOLDOWN_MS;
  return { rateLimitMs: base, transientMs: Math.min(base, 10_000), quotaMs: Math.max(base, 3_600_000) };
}

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const { config } = options;
  const now = options.now ?? Date.now;
  const keys = config.LLM_API_KEYS;
  const logger = options.logger.child({ component: "llm" });
  const pool = new KeyPool(keys, now);
  const recorder = new KeyStatsRecorder(keys.length, options.statsSink, logger);
  const deps: RotatingChatDeps = {
    pool,
    recorder,
    logger,
    now,
    redact: createRedactor(keys),
    transport: new OpenAiTransport({
      baseURL: config.LLM_BASE_URL,
      timeoutMs: config.LLM_TIMEOUT_MS,
      fetch: options.fetch,
    }),
    model: config.LLM_MODEL,
    maxRetries: config.LLM_MAX_RETRIES,
    cooldowns: cooldownPolicy(config),
    onEvent: options.onEvent,
  };
  const send = withFormatFallback((body, sendOptions) => sendWithRotation(deps, body, sendOptions), logger);
  return {
    available: keys.length > 0,
    complete: (request) => completeStructured(send, request),
    stats: () => {
      const health = pool.health();
      return recorder.totals().map(
        (totals): KeyStats => ({
          ...totals,
          current: health[totals.index].current,
          disabled: health[totals.index].disabled,
          coolingDownUntil: health[totals.index].coolingDownUntil,
          currentTrouble: health[totals.index].lastReason,
        }),
      );
    },
    flush: () => recorder.flush(),
  };
}
