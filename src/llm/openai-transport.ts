// One chat-completion request with one key, through the `openai` SDK with our own timeout and no SDK retries.
import { APIConnectionTimeoutError, OpenAI } from "openai";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { TokenUsage } from "./types.js";

export interface TransportOptions {
  /** @defaultValue `https://api.openai.com/v1` */
  baseURL?: string | undefined;
  /** Whole-request deadline, body included (the SDK's own timeout stops at the headers). */
  timeoutMs: number;
  /** A `fetch` to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch | undefined;
}

export interface ChatReply {
  content: string;
  usage: TokenUsage;
  finishReason: string | null;
}

export type ChatBody = Omit<ChatCompletionCreateParamsNonStreaming, "model" | "stream">;

export class OpenAiTransport {
  readonly #options: TransportOptions;
  readonly #clients = new Map<string, OpenAI>();

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** Sends one request; SDK errors are thrown as they are, for `classifyFailure` to read. */
  async send(key: string, model: string, body: ChatBody, signal?: AbortSignal): Promise<ChatReply> {
    const deadline = AbortSignal.timeout(this.#options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    try {
      const completion = await this.#client(key).chat.completions.create(
        { ...body, model, stream: false },
        { signal: combined, timeout: this.#options.timeoutMs, maxRetries: 0 },
      );
      const choice = completion.choices[0];
      return {
        content: choice?.message?.content ?? "",
        finishReason: choice?.finish_reason ?? null,
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
        },
      };
    } catch (error) {
      if (deadline.aborted && !signal?.aborted) throw new APIConnectionTimeoutError();
      throw error;
    }
  }

  #client(key: string): OpenAI {
    let client = this.#clients.get(key);
    if (!client) {
      client = new OpenAI({
        apiKey: key,
        baseURL: this.#options.baseURL ?? "https://api.openai.com/v1",
        organization: null,
        project: null,
        timeout: this.#options.timeoutMs,
        maxRetries: 0,
        logLevel: "off",
        ...(this.#options.fetch ? { fetch: this.#options.fetch } : {}),
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}
