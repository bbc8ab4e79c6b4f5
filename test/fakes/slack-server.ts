// A fake Slack Web API on real HTTP, as strict as Slack: every Block Kit payload validated (invalid_blocks with
// Slack's messages), membership and archive refusals, rate limits answering 429 with Retry-After, shares that can
// show late in files.info; every call recorded. Payloads Slack would refuse fail the test at close().
import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { validateMessage } from "./slack-blocks.js";
import { RateLimiter, type RateLimitOptions } from "./slack-limits.js";
import { fileObject, handleMethod, type MethodContext } from "./slack-methods.js";
import { FAKE_BOT, FAKE_TEAM, type FakeFile, SlackState } from "./slack-state.js";

export { FAKE_BOT, FAKE_TEAM, type FakeFile, type FakeMessage } from "./slack-state.js";

/** Fields that arrive as JSON strings in form bodies (Slack's own convention) and are recorded parsed. */
const JSON_FIELDS = new Set([
  "blocks",
  "attachments",
  "view",
  "files",
  "prompts",
  "metadata",
  "chunks",
  "loading_messages",
]);

/** Refusals that mean the app sent something Slack does not accept: a bug, unless a test provokes it on purpose. */
const PAYLOAD_ERRORS = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "msg_too_long",
  "msg_blocks_too_long",
  "invalid_arguments",
  "invalid_chunks",
  "no_text",
]);

export interface RecordedCall {
  /** A Web API method (`chat.update`), or `upload` / `download` / `response_url`. */
  method: string;
  /** Whether the bearer token was the bot token. */
  authorized: boolean;
  fields: Record<string, unknown>;
  at: number;
  /** Slack's answer: ok, an error code, or `ratelimited` (HTTP 429). */
  outcome: string;
}

export interface FakeSlackStats {
  calls: number;
  /** Payloads (text, blocks, views, chunks, prompts) checked against Slack's rules. */
  validated: number;
  /** 429 answers given. */
  rateLimited: number;
  /** 429s after which the same call (method, channel, ts, text) later succeeded: the client waited and retried. */
  rateLimitedThenOk: number;
  /** Refusals by error code. */
  refused: Record<string, number>;
}

export interface FakeSlackOptions {
  rateLimits?: RateLimitOptions;
}

export interface FakeSlack {
  /** http://127.0.0.1:port */
  url: string;
  /** SLACK_API_URL for the app: `${url}/api/` */
  apiUrl: string;
  state: SlackState;
  calls: RecordedCall[];
  stats: FakeSlackStats;
  callsTo(method: string): RecordedCall[];
  /** A channel message sharing a file, as Slack would store it; returns the file object events carry. */
  shareFile(options: Parameters<SlackState["shareFile"]>[0]): {
    file: Record<string, unknown>;
    ts: string;
    raw: FakeFile;
  };
  /** Payload refusals the current test provokes on purpose (otherwise close() fails on them). */
  allowRefusals(...codes: string[]): void;
  /** Bytes uploaded through files.uploadV2, by file id. */
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** Resolves when `predicate` holds over the calls (polls), or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Stops; throws when the app sent a payload Slack would have refused (and no test allowed it). */
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new SlackState();
  const calls: RecordedCall[] = [];
  const uploads = new Map<string, { filename: string; bytes: Buffer }>();
  const limiter = new RateLimiter(options.rateLimits);
  const stats: FakeSlackStats = { calls: 0, validated: 0, rateLimited: 0, rateLimitedThenOk: 0, refused: {} };
  const allowed = new Set<string>();
  const unexpected: string[] = [];
  let base = "";

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) json(res, 500, { ok: false, error: `fake_failed: ${String(error)}` });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const raw = await readBody(req);
    const authorized = req.headers.authorization === `Bearer ${FAKE_BOT.token}`;
    const record = (method: string, fields: Record<string, unknown>, outcome = "ok") => {
      stats.calls++;
      calls.push({ method, authorized, fields, at: Date.now(), outcome });
    };

    if (req.method === "GET" && url.pathname.startsWith("/files-pri/")) {
      const id = url.pathname.split("/")[2] ?? "";
      record("download", { file: id });
      const file = state.files.get(id);
      // Real Slack answers a missing or wrong token with its sign-in page, not an error status.
      if (!authorized) return send(res, 200, "text/html", "<html><body>Sign in to Slack</body></html>");
      if (!file) return send(res, 404, "text/plain", "not found");
      return send(res, 200, file.mimetype || "application/octet-stream", file.bytes);
    }
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) {
      const id = url.pathname.split("/")[2] ?? "";
      const form = await new Response(new Uint8Array(raw), {
        headers: { "content-type": req.headers["content-type"] ?? "" },
      }).formData();
      const body = form.get("body");
      const bytes = body instanceof Blob ? Buffer.from(await body.arrayBuffer()) : Buffer.from(String(body ?? ""));
      const pending = uploads.get(id);
      uploads.set(id, { filename: pending?.filename ?? "file", bytes });
      record("upload", { file_id: id, bytes: bytes.length, field: body instanceof Blob ? "body" : null });
      return send(res, 200, "text/plain", "OK - 200");
    }
    if (req.method === "POST" && url.pathname.startsWith("/respond/")) {
      const fields = JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>;
      const problem = fields.blocks !== undefined || fields.text !== undefined ? validateResponse(fields) : null;
      record("response_url", fields, problem ?? "ok");
      return json(res, problem ? 400 : 200, problem ? { ok: false, error: problem } : { ok: true });
    }
    const match = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!match) return json(res, 404, { ok: false, error: "unknown_route" });
    const method = match[1]!;
    const fields = parseFields(raw, req.headers["content-type"] ?? "", url.searchParams);
    if (!authorized) {
      record(method, fields, "invalid_auth");
      return json(res, 200, { ok: false, error: "invalid_auth" });
    }
    const channel = String(fields.channel ?? fields.channel_id ?? "");
    const retryAfter = limiter.take(method, FAKE_TEAM, channel);
    if (retryAfter !== null) {
      stats.rateLimited++;
      record(method, fields, "ratelimited");
      res.writeHead(429, { "content-type": "application/json; charset=utf-8", "retry-after": String(retryAfter) });
      return void res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
    }
    const context: MethodContext = {
      state,
      base,
      uploads,
      validated: () => {
        stats.validated++;
      },
    };
    const reply = handleMethod(method, fields, context);
    const outcome = reply.ok ? "ok" : String(reply.error);
    if (!reply.ok) {
      stats.refused[outcome] = (stats.refused[outcome] ?? 0) + 1;
      if (PAYLOAD_ERRORS.has(outcome) && !allowed.has(outcome)) {
        const why = (reply.response_metadata as { messages?: string[] } | undefined)?.messages?.join("; ") ?? "";
        unexpected.push(`${method}: ${outcome} ${why}`.trim());
      }
    }
    record(method, fields, outcome);
    json(res, 200, reply);
  }

  function validateResponse(fields: Record<string, unknown>): string | null {
    stats.validated++;
    const problem = validateResponseMessage(fields);
    if (problem) unexpected.push(`response_url: ${problem}`);
    return problem;
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    state,
    calls,
    stats,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    shareFile(options) {
      const { file, message } = state.shareFile(options);
      return { file: fileObject(file, base), ts: message.ts, raw: file };
    },
    allowRefusals(...codes) {
      for (const code of codes) allowed.add(code);
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(calls)) {
        if (Date.now() > deadline)
          throw new Error(
            `fake Slack: condition not met in ${timeoutMs} ms; calls: ${calls.map((c) => c.method).join(", ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      const same = (c: RecordedCall) =>
        JSON.stringify([
          c.method,
          c.fields.channel ?? c.fields.channel_id,
          c.fields.ts,
          c.fields.thread_ts,
          c.fields.text,
        ]);
      calls.forEach((call, i) => {
        if (call.outcome !== "ratelimited") return;
        const key = same(call);
        if (calls.slice(i + 1).some((later) => later.outcome === "ok" && same(later) === key))
          stats.rateLimitedThenOk++;
      });
      const file = process.env.FAKE_SLACK_STATS_FILE;
      if (file) appendFileSync(file, `${JSON.stringify({ ...stats, unexpected: unexpected.length })}\n`);
      if (unexpected.length > 0)
        throw new Error(
          `fake Slack refused ${unexpected.length} payload(s) the app sent:\n  ${unexpected.join("\n  ")}`,
        );
    },
  };
}

/** A response_url body: the same message rules as chat.postMessage. */
function validateResponseMessage(fields: Record<string, unknown>): string | null {
  return validateMessage(fields)?.error ?? null;
}

function parseFields(raw: Buffer, contentType: string, query: URLSearchParams): Record<string, unknown> {
  const fields: Record<string, unknown> = Object.fromEntries(query);
  const text = raw.toString("utf8");
  if (contentType.startsWith("application/json") && text) Object.assign(fields, JSON.parse(text));
  else for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (JSON_FIELDS.has(key) && typeof value === "string") fields[key] = JSON.parse(value);
  }
  return fields;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { "content-type": type });
  res.end(body);
}
