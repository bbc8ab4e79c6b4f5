// The contract other folders use: a client that returns schema-checked values, and what it reports.
import type { KeyHealth, KeyRotation } from "./key-pool.js";
import type { KeyTotals } from "./key-stats.js";
import type { OutputSchema } from "./schema.js";

export interface ChatMessage {
  role: "user" | "assistant";
  content: string;
}

/** Emitted when the pool switches keys; the shape of the pipeline's `key_rotation_event`. */
export interface KeyRotationEvent {
  type: "key_rotation_event";
  data: KeyRotation;
}

export type LlmEvent = KeyRotationEvent;

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface CompleteRequest<T> {
  system: string;
  messages: ChatMessage[];
  /** The reply must parse as JSON and match this schema (one repair round trip is allowed). Build it with `s`. */
  schema: OutputSchema<T>;
  /** Names the schema for the provider and in errors, e.g. `orchestrator_plan`. */
  schemaName: string;
  /** null: the provider's default (not sent). @defaultValue LLM_TEMPERATURE */
  temperature?: number | null;
  /** @defaultValue the provider's default */
  maxTokens?: number;
  signal?: AbortSignal;
  /** Epoch ms (`Date.now`) after which nothing more is sent: the question's deadline. */
  deadline?: number;
  /** How long that deadline is, for the message when it passes. */
  deadlineMs?: number;
  /** Receives this request's key rotations, in addition to the client's `onEvent`. */
  onEvent?: (event: LlmEvent) => void;
}

export interface CompleteResult<T> {
  value: T;
  /** Summed over every model reply this request used (a repair round trip included). */
  usage: TokenUsage;
  /** The key that produced the accepted reply. */
  keyIndex: number;
  /** Model replies received: 1, or 2 after a repair round trip. This is what `llm_calls` counts. */
  calls: number;
  /** HTTP requests sent, failed ones included (`calls` plus rotations and retries). */
  attempts: number;
}

/** Health and counters of one key, by index; never the key. */
export interface KeyStats extends KeyTotals {
  current: boolean;
  disabled: boolean;
  /** Epoch ms when the key is usable again; `null` when usable now. */
  coolingDownUntil: number | null;
  /** The reason the key is set aside now (`lastReason` is the latest failure ever). */
  currentTrouble: KeyHealth["lastReason"];
}

export interface LlmClient {
  complete<T>(request: CompleteRequest<T>): Promise<CompleteResult<T>>;
  /** False when no key is configured: callers go straight to the offline planner. */
  readonly available: boolean;
  stats(): KeyStats[];
  /** Resolves once every per-key counter update has reached the stats sink. */
  flush(): Promise<void>;
}
