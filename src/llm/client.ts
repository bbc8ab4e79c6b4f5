// Builds the OpenAI-compatible LlmClient from Config: key pool, transport, request shaping, structured output.
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import type { CooldownPolicy } from "./classify-failure.js";
import { KeyPool } from "./key-pool.js";
import { KeyStatsRecorder, type KeyStatsSink } from "./key-stats.js";
import { OpenAiTransport } from "./openai-transport.js";
import { createRedactor } from "./redact.js";
import { CapabilityMemory, withRequestShaping } from "./request-shaping.js";
import { type RotatingChatDeps, sendWithRotation } from "./rotating-chat.js";
import { completeStructured } from "./structured.js";
import type { KeyStats, LlmClient, LlmEvent } from "./types.js";

export interface LlmClientOptions {
  config: Pick<
    Config,
    | "LLM_BASE_URL"
    | "LLM_MODEL"
    | "LLM_API_KEYS"
    | "LLM_TIMEOUT_MS"
    | "LLM_MAX_RETRIES"
    | "LLM_KEY_COOLDOWN_MS"
    | "LLM_RESPONSE_FORMAT"
    | "LLM_TEMPERATURE"
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
  /** Longest a request waits for a cooling key before the fallback answers. @defaultValue 5000 */
  maxWaitMs?: number;
}

/** Quota errors set a key aside for at least an hour; rate limits without a hint back off up to the setting. */
export function cooldownPolicy(config: Pick<Config, "LLM_KEY_COOLDOWN_MS">): CooldownPolicy {
  const base = config.LLM_KEY_COOLDOWN_MS;
  return { rateLimitMs: base, quotaMs: Math.max(base, 3_600_000) };
}

const DEFAULT_BASE_URL = "https://api.openai.com/v1";

export function createLlmClient(options: LlmClientOptions): LlmClient {
  const { config } = options;
  const now = options.now ?? Date.now;
  const keys = config.LLM_API_KEYS;
  const logger = options.logger.child({ component: "llm" });
  const pool = new KeyPool(keys, now);
  const recorder = new KeyStatsRecorder(keys.length, options.statsSink, logger);
  const baseURL = config.LLM_BASE_URL ?? DEFAULT_BASE_URL;
  const deps: RotatingChatDeps = {
    pool,
    recorder,
    logger,
    now,
    redact: createRedactor(keys),
    transport: new OpenAiTransport({ baseURL, timeoutMs: config.LLM_TIMEOUT_MS, fetch: options.fetch }),
    model: config.LLM_MODEL,
    maxRetries: config.LLM_MAX_RETRIES,
    cooldowns: cooldownPolicy(config),
    maxWaitMs: options.maxWaitMs ?? 5_000,
    onEvent: options.onEvent,
  };
  const memory = new CapabilityMemory(config.LLM_RESPONSE_FORMAT);
  const send = withRequestShaping(
    (body, sendOptions) => sendWithRotation(deps, body, sendOptions),
    memory,
    { url: baseURL, model: config.LLM_MODEL },
    logger,
  );
  return {
    available: keys.length > 0,
    complete: (request) => completeStructured(send, request, { temperature: config.LLM_TEMPERATURE }),
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
