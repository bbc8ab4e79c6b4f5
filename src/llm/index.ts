// The LLM layer: an OpenAI-compatible client with key rotation and schema-checked structured output.
export { cooldownPolicy, createLlmClient, type LlmClientOptions } from "./client.js";
export {
  AllKeysCoolingDownError,
  type KeyFailureReason,
  LlmDeadlineError,
  LlmInvalidOutputError,
  LlmRequestError,
  LlmUnavailableError,
  type ProviderErrorDetails,
} from "./errors.js";
export { extractJson, jsonCandidates, stripThinking } from "./json-output.js";
export type { KeyRotation } from "./key-pool.js";
export { InMemoryKeyStatsSink, type KeyStatsDelta, type KeyStatsSink, type KeyTotals } from "./key-stats.js";
export { refusalOf } from "./refusals.js";
export type { FormatMode, FormatSetting } from "./request-shaping.js";
export { type InferOutput, type JsonSchema, type OutputSchema, s } from "./schema.js";
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
