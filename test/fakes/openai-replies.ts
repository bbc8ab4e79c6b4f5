// Replies the fake OpenAI server can give, and how each is written on the wire (bodies as OpenAI sends them).
import type { ServerResponse } from "node:http";
import type { ProviderProfile } from "./openai-providers.js";

export interface FakeUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

interface Timing {
  /** Delay before this reply, overriding the server's `latencyMs`. */
  latencyMs?: number;
}

export type FakeReply = Timing &
  (
    | { kind: "json"; value: unknown; usage?: FakeUsage }
    | { kind: "text"; content: string; usage?: FakeUsage }
    | { kind: "rate_limit"; retryAfterSeconds?: number; retryAfterMs?: number }
    | { kind: "unauthorized" }
    | { kind: "forbidden" }
    | { kind: "server_error"; status?: number }
    | { kind: "quota" }
    | { kind: "hang" }
    | { kind: "status"; status: number; body: unknown }
  );

/** Shorthands for scripting. */
export const reply = {
  json: (value: unknown, extra: { usage?: FakeUsage; latencyMs?: number } = {}): FakeReply => ({
    kind: "json",
    value,
    ...extra,
  }),
  text: (content: string, extra: { usage?: FakeUsage; latencyMs?: number } = {}): FakeReply => ({
    kind: "text",
    content,
    ...extra,
  }),
  malformed: (): FakeReply => ({ kind: "text", content: '{"classification": "SQL_ONLY", "reasoning": ' }),
  rateLimited: (retry: { retryAfterSeconds?: number; retryAfterMs?: number } = {}): FakeReply => ({
    kind: "rate_limit",
    ...retry,
  }),
  unauthorized: (): FakeReply => ({ kind: "unauthorized" }),
  forbidden: (): FakeReply => ({ kind: "forbidden" }),
  serverError: (status = 500): FakeReply => ({ kind: "server_error", status }),
  quota: (): FakeReply => ({ kind: "quota" }),
  hang: (): FakeReply => ({ kind: "hang" }),
};
export interface RecordedRequest {
  path: string;
  /** Position of the bearer key in `options.keys`; -1 when absent or unknown. The key itself is not kept. */
  keyIndex: number;
  model: string;
  messages: { role: string; content: string }[];
  /** The system message's text ("" when none), for responders that branch on the agent. */
  system: string;
  /** The last user message's text. */
  lastUser: string;
  body: Record<string, unknown>;
}

export function writeReply(
  res: ServerResponse,
  next: FakeReply,
  request: RecordedRequest,
  bearer: string,
  provider?: ProviderProfile,
): void {
  switch (next.kind) {
    case "json":
    case "text": {
      const content = next.kind === "json" ? JSON.stringify(next.value) : next.content;
      send(res, 200, completion(request, content, next.usage));
      return;
    }
    case "rate_limit": {
      const headers: Record<string, string> = {};
      if (next.retryAfterSeconds !== undefined) headers["retry-after"] = String(next.retryAfterSeconds);
      if (next.retryAfterMs !== undefined) headers["retry-after-ms"] = String(next.retryAfterMs);
      const body =
        provider?.rateLimitBody?.(next.retryAfterSeconds) ??
        apiError("Rate limit reached for requests", "requests", "rate_limit_exceeded");
      send(res, 429, body, headers);
      return;
    }
    case "unauthorized":
      // Worse than the real service, which masks the key: proves the client scrubs whatever comes back.
      send(res, 401, apiError(`Incorrect API key provided: ${bearer}.`, "invalid_request_error", "invalid_api_key"));
      return;
    case "forbidden":
      send(res, 403, apiError(`Key ${bearer} may not use this model.`, "invalid_request_error", "forbidden"));
      return;
    case "server_error":
      send(res, next.status ?? 500, apiError("The server had an error while processing your request.", "server_error"));
      return;
    case "quota":
      send(res, 429, apiError("You exceeded your current quota.", "insufficient_quota", "insufficient_quota"));
      return;
    case "hang":
      return; // never answer; close() drops the socket
    case "status":
      send(res, next.status, next.body);
      return;
  }
}

function completion(request: RecordedRequest, content: string, usage: FakeUsage | undefined) {
  const promptChars = request.messages.reduce((sum, message) => sum + message.content.length, 0);
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2)}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, finish_reason: "stop" }],
    usage: usage
      ? { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens }
      : {
          prompt_tokens: Math.ceil(promptChars / 4),
          completion_tokens: Math.ceil(content.length / 4),
          total_tokens: Math.ceil(promptChars / 4) + Math.ceil(content.length / 4),
        },
  };
}

export function apiError(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

export function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}
