// One chat-completion request with one key, through the `openai` SDK with our own timeout and no SDK retries.
// Error bodies are put in OpenAI's shape first, so the SDK's error carries every provider's message and code.
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

/** Error bodies are read up to this size; providers' errors are short, a proxy's HTML page need not be whole. */
const MAX_ERROR_BODY = 64 * 1024;

export class OpenAiTransport {
  readonly #options: TransportOptions;
  readonly #clients = new Map<string, OpenAI>();

  constructor(options: TransportOptions) {
    this.#options = options;
  }

  /** Sends one request; SDK errors are thrown as they are, for `classifyFailure` to read. */
  async send(
    key: string,
    model: string,
    body: ChatBody,
    options: { signal?: AbortSignal | undefined; timeoutMs?: number | undefined } = {},
  ): Promise<ChatReply> {
    const timeoutMs = Math.max(1, Math.min(options.timeoutMs ?? this.#options.timeoutMs, this.#options.timeoutMs));
    const deadline = AbortSignal.timeout(timeoutMs);
    const combined = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    try {
      const completion = await this.#client(key).chat.completions.create(
        { ...body, model, stream: false },
        { signal: combined, timeout: timeoutMs, maxRetries: 0 },
      );
      const choice = completion.choices?.[0];
      const message = choice?.message as { content?: unknown } | undefined;
      return {
        content: typeof message?.content === "string" ? message.content : "",
        finishReason: choice?.finish_reason ?? null,
        usage: {
          promptTokens: completion.usage?.prompt_tokens ?? 0,
          completionTokens: completion.usage?.completion_tokens ?? 0,
        },
      };
    } catch (error) {
      if (deadline.aborted && !options.signal?.aborted) throw new APIConnectionTimeoutError();
      throw error;
    }
  }

  #client(key: string): OpenAI {
    let client = this.#clients.get(key);
    if (!client) {
      const base = this.#options.fetch ?? fetch;
      client = new OpenAI({
        apiKey: key,
        baseURL: this.#options.baseURL ?? "https://api.openai.com/v1",
        organization: null,
        project: null,
        timeout: this.#options.timeoutMs,
        maxRetries: 0,
        logLevel: "off",
        fetch: normalizingFetch(base),
      });
      this.#clients.set(key, client);
    }
    return client;
  }
}

/** A fetch whose error responses carry `{"error": {message, type, param, code, …}}` whatever the server sent. */
function normalizingFetch(base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.ok) return response;
    const text = await readBounded(response, MAX_ERROR_BODY);
    const headers = new Headers(response.headers);
    headers.set("content-type", "application/json");
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(JSON.stringify({ error: normalizeErrorBody(text, response.status) }), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}

/** The body's first `limit` bytes as text; the rest is not read (a proxy may send megabytes of HTML). */
async function readBounded(response: Response, limit: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // a body cut off mid-way: keep what arrived
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit));
}

/**
 * The shapes seen in the wild: OpenAI/Groq/Azure `{error: {...}}`; LM Studio `{error: "text"}`; vLLM's older
 * `{object: "error", message, type, code}`; Gemini's `[{error: {code, message, status}}]`; FastAPI `{detail}`;
 * a proxy's plain text or HTML.
 */
export function normalizeErrorBody(text: string, status: number): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    const plain = text
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return { message: plain.slice(0, 2000) || `HTTP ${status}`, type: null, param: null, code: null };
  }
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first || typeof first !== "object") return { message: String(first ?? `HTTP ${status}`) };
  const record = first as Record<string, unknown>;
  const inner = record.error;
  if (typeof inner === "string") return { message: inner, type: null, param: null, code: null };
  if (inner && typeof inner === "object") {
    const error = { ...(inner as Record<string, unknown>) };
    if (typeof error.message !== "string") error.message = JSON.stringify(error.message ?? inner);
    // Gemini's `status` ("INVALID_ARGUMENT") is the nearest thing to a type.
    if (error.type === undefined && typeof error.status === "string") error.type = error.status;
    return error;
  }
  if (typeof record.message === "string") return { ...record };
  if (record.detail !== undefined) {
    return { message: typeof record.detail === "string" ? record.detail : JSON.stringify(record.detail) };
  }
  return { message: JSON.stringify(record).slice(0, 2000) };
}
