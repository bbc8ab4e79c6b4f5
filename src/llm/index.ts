// The LLM layer: an OpenAI-compatible client with key rotation and schema-checked structured output.
export { cooldownPolicy, createLlmClient, type LlmClientOptions } from "./client.js";
export {
  AllKeysCoolingDownError,
  type KeyFailureReason,
  LlmInvalidOutputError,
  LlmRequestError,
  LlmUnavailableError,
} from "./errors.js";
export { extractJson } from "./json-output.js";
export type { KeyRotation } from "./key-pool.js";
export { InMemoryKeyStatsSink, type KeyStatsDelta, type KeyStatsSink, type KeyTotals } from "./key-stats.js";
export type {
  ChatMessage,
  CompleteRequest,
  CompleteResult,
  KeyRotationEvent,
  KeyStats,
  LlmClient,
  LlmEvent,
  TokenUsage,
} from "./types.js";
