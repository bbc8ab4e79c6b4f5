// A scripted OpenAI-compatible server on real HTTP: chat completions, rate limits, auth failures, hangs, and the
// refusals and checks of a chosen provider (openai-providers.ts).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PROVIDER_PROFILES, type ProviderName, type ProviderProfile } from "./openai-providers.js";
import { apiError, type FakeReply, type RecordedRequest, send, writeReply } from "./openai-replies.js";

export { PROVIDERS, type ProviderName } from "./openai-providers.js";
export { type FakeReply, type FakeUsage, type RecordedRequest, reply } from "./openai-replies.js";

export type Responder = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

export interface FakeOpenAIOptions {
  /** Keys the server recognises, so requests record an index rather than a key. @defaultValue [] */
  keys?: string[];
  /** Delay before every reply: a fixed number or a uniform range. @defaultValue 0 */
  latencyMs?: number | { min: number; max: number };
  /** The provider to play: its route, refusals and output checks. @defaultValue none (accepts any request) */
  provider?: ProviderName;
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
  const provider: ProviderProfile | undefined = options.provider ? PROVIDER_PROFILES[options.provider] : undefined;
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
    const route = provider
      ? path === `${provider.basePath}/chat/completions`
      : /^(\/v1)?\/chat\/completions$/.test(path);
    if (req.method !== "POST" || !route) {
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
    const next = queue.shift() ?? provider?.refuse(body) ?? (await answer(recorded));
    await sleep(next.latencyMs ?? pickLatency(options.latencyMs));
    writeReply(res, next, recorded, bearer, provider);
  }

  /** The model's reply, unless the provider's own check of it refuses it (Groq's JSON validation). */
  async function answer(recorded: RecordedRequest): Promise<FakeReply> {
    if (!responder) return { kind: "status", status: 400, body: nothingScripted(requests.length) };
    const next = await responder(recorded);
    if (!provider?.deliver || (next.kind !== "json" && next.kind !== "text")) return next;
    const content = next.kind === "json" ? JSON.stringify(next.value) : next.content;
    return provider.deliver(content, recorded.body) ?? next;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${provider?.basePath ?? "/v1"}`,
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

function nothingScripted(count: number) {
  return apiError(`fake OpenAI server: nothing scripted for request #${count}`, "invalid_request_error");
}
