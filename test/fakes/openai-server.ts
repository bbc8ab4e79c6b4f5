// A scripted OpenAI-compatible server on real HTTP: chat completions, rate limits, auth failures, hangs.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

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

export type Responder = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAIOptions {
  /** Keys the server recognises, so requests record an index rather than a key. @defaultValue [] */
  keys?: string[];
  /** Delay before every reply: a fixed number or a uniform range. @defaultValue 0 */
  latencyMs?: number | { min: number; max: number };
}

export interface FakeOpenAI {
  /** Base URL to use as LLM_BASE_URL, ending in `/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** Queues replies, used in order before the responder. */
  script(...replies: FakeReply[]): void;
  /** Answers requests once the script is used up. */
  respondWith(fn: Responder): void;
  /** Scripted replies not yet used. */
  readonly remaining: number;
  close(): Promise<void>;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const keys = options.keys ?? [];
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  let responder: Responder | undefined;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: { message: `fake server failed: ${String(error)}` } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://fake").pathname;
    if (req.method !== "POST" || !/^(\/v1)?\/chat\/completions$/.test(path)) {
      send(res, 404, {
        error: { message: `fake server: no route ${req.method} ${path}`, type: "invalid_request_error" },
      });
      return;
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "";
    const messages = ((body.messages as { role: string; content: unknown }[] | undefined) ?? []).map((message) => ({
      role: message.role,
      content: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
    }));
    const recorded: RecordedRequest = {
      path,
      keyIndex: keys.indexOf(bearer),
      model: String(body.model ?? ""),
      messages,
      system: messages.find((message) => message.role === "system")?.content ?? "",
      lastUser: messages.filter((message) => message.role === "user").at(-1)?.content ?? "",
      body,
    };
    requests.push(recorded);
    const next =
      queue.shift() ??
      (responder ? await responder(recorded) : { kind: "status", status: 400, body: nothingScripted(requests.length) });
    await sleep(next.latencyMs ?? pickLatency(options.latencyMs));
    write(res, next, recorded, bearer);
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => {
      queue.push(...replies);
    },
    respondWith: (fn) => {
      responder = fn;
    },
    get remaining() {
      return queue.length;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function write(res: ServerResponse, next: FakeReply, request: RecordedRequest, bearer: string): void {
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
      send(res, 429, apiError("Rate limit reached for requests", "requests", "rate_limit_exceeded"), headers);
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

function apiError(message: string, type: string, code: string | null = null) {
  return { error: { message, type, param: null, code } };
}

function nothingScripted(count: number) {
  return apiError(`fake OpenAI server: nothing scripted for request #${count}`, "invalid_request_error");
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function pickLatency(latency: FakeOpenAIOptions["latencyMs"]): number {
  if (latency === undefined) return 0;
  if (typeof latency === "number") return latency;
  return latency.min + Math.random() * (latency.max - latency.min);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
