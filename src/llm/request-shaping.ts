// Shapes each request to what the endpoint accepts and learns from refusals: json_schema (strict) → json_schema →
// json_object → plain JSON; temperature dropped when the model only takes its default; max_tokens renamed. What
// was learned is remembered per endpoint and model, so only the first request pays for it.
import type { Logger } from "../util/index.js";
import { LlmRequestError } from "./errors.js";
import type { ChatBody } from "./openai-transport.js";
import { type Refusal, refusalOf } from "./refusals.js";
import type { RotatingReply, SendOptions } from "./rotating-chat.js";
import type { JsonSchema } from "./schema.js";

export type FormatMode = "json_schema" | "json_object" | "none";
export type FormatSetting = "auto" | FormatMode;

/** One logical request before it is shaped for an endpoint. */
export interface ChatRequest {
  messages: ChatBody["messages"];
  schema: { name: string; json: JsonSchema };
  /** null: never send a temperature (the provider's default). */
  temperature: number | null;
  maxTokens?: number | undefined;
}

export type SendRequest = (request: ChatRequest, options: SendOptions) => Promise<RotatingReply>;
export type SendBody = (body: ChatBody, options: SendOptions) => Promise<RotatingReply>;

/** What one endpoint and model accept, as learned. */
export interface Capabilities {
  format: FormatMode;
  strict: boolean;
  temperature: boolean;
  maxTokensParam: "max_tokens" | "max_completion_tokens";
}

/** Learned capabilities by endpoint and model, for the life of the process. */
export class CapabilityMemory {
  readonly #known = new Map<string, Capabilities>();

  constructor(readonly setting: FormatSetting) {}

  get(endpoint: string, model: string): Capabilities {
    const key = `${endpoint}\u0000${model}`;
    let caps = this.#known.get(key);
    if (!caps) {
      caps = {
        format: this.setting === "auto" ? "json_schema" : this.setting,
        strict: true,
        temperature: true,
        maxTokensParam: "max_tokens",
      };
      this.#known.set(key, caps);
    }
    return caps;
  }
}

/**
 * The change a refusal calls for, applied to `caps`; false when nothing would help (the error stands). A pinned
 * LLM_RESPONSE_FORMAT is never stepped away from.
 */
export function learn(caps: Capabilities, refusal: Refusal, message: string, setting: FormatSetting): boolean {
  switch (refusal.kind) {
    case "temperature":
      if (!caps.temperature) return false;
      caps.temperature = false;
      return true;
    case "max_tokens":
      if (caps.maxTokensParam === "max_completion_tokens") return false;
      caps.maxTokensParam = "max_completion_tokens";
      return true;
    case "strict":
      if (caps.format === "json_schema" && caps.strict) {
        caps.strict = false;
        return true;
      }
      return stepDown(caps, setting);
    case "response_format":
      // A strict-mode schema complaint is answered by the same schema without `strict`.
      if (caps.format === "json_schema" && caps.strict && /invalid schema/i.test(message)) {
        caps.strict = false;
        return true;
      }
      return stepDown(caps, setting);
    case "generation_failed":
      return stepDown(caps, setting);
    case "other":
      return false;
  }
}

function stepDown(caps: Capabilities, setting: FormatSetting): boolean {
  if (setting !== "auto") return false;
  if (caps.format === "json_schema") caps.format = "json_object";
  else if (caps.format === "json_object") caps.format = "none";
  else return false;
  return true;
}

/** The request as this endpoint takes it. */
export function shape(request: ChatRequest, caps: Capabilities): ChatBody {
  const body: ChatBody = { messages: request.messages };
  if (request.temperature !== null && caps.temperature) body.temperature = request.temperature;
  if (request.maxTokens !== undefined) {
    if (caps.maxTokensParam === "max_tokens") body.max_tokens = request.maxTokens;
    else body.max_completion_tokens = request.maxTokens;
  }
  if (caps.format === "json_schema") {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: request.schema.name, schema: request.schema.json, strict: caps.strict },
    };
  } else if (caps.format === "json_object") {
    body.response_format = { type: "json_object" };
  }
  return body;
}

/** At most this many refusals are learned from within one request (each changes one thing). */
const MAX_ADAPTATIONS = 5;

export function withRequestShaping(
  send: SendBody,
  memory: CapabilityMemory,
  endpoint: { url: string; model: string },
  logger: Logger,
): SendRequest {
  return async (request, options) => {
    let refused = 0;
    for (;;) {
      const caps = memory.get(endpoint.url, endpoint.model);
      const used = { ...caps };
      try {
        const reply = await send(shape(request, used), options);
        return { ...reply, attempts: reply.attempts + refused };
      } catch (error) {
        if (!(error instanceof LlmRequestError) || error.reason !== "bad_request") throw error;
        const refusal = refusalOf(error);
        refused += 1;
        // Groq hands back the output its JSON check refused: our own parser may well read it.
        if (refusal.kind === "generation_failed" && refusal.text) {
          return {
            content: refusal.text,
            finishReason: "stop",
            usage: { promptTokens: 0, completionTokens: 0 },
            keyIndex: error.keyIndex,
            attempts: refused,
          };
        }
        // Another request may have learned the same thing meanwhile: then simply try again as it is now.
        const changedMeanwhile = JSON.stringify(caps) !== JSON.stringify(used);
        const message = error.provider?.message ?? error.message;
        if (refused > MAX_ADAPTATIONS || (!changedMeanwhile && !learn(caps, refusal, message, memory.setting))) {
          if (refusal.kind !== "other") {
            logger.warn({ refusal: refusal.kind, setting: memory.setting }, "LLM endpoint refused the request shape");
          }
          throw error;
        }
        logger.warn({ refusal: refusal.kind, now: { ...caps } }, "LLM endpoint refused the request; adapting");
      }
    }
  };
}
