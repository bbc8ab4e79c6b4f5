// A fake Slack Web API on real HTTP: the methods InsightX calls, file downloads and uploads, every call recorded.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fileObject, handleMethod, type MethodContext } from "./slack-methods.js";
import { FAKE_BOT, type FakeFile, SlackState } from "./slack-state.js";

export { FAKE_BOT, FAKE_TEAM, type FakeFile, type FakeMessage } from "./slack-state.js";

/** Fields that arrive as JSON strings in form bodies (Slack's own convention) and are recorded parsed. */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "files", "prompts", "metadata"]);

export interface RecordedCall {
  /** A Web API method (`chat.update`), or `upload` / `download` / `response_url`. */
  method: string;
  /** Whether the bearer token was the bot token. */
  authorized: boolean;
  fields: Record<string, unknown>;
  at: number;
}

export interface FakeSlack {
  /** http://127.0.0.1:port */
  url: string;
  /** SLACK_API_URL for the app: `${url}/api/` */
  apiUrl: string;
  state: SlackState;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A channel message sharing a file, as Slack would store it; returns the file object events carry. */
  shareFile(options: Parameters<SlackState["shareFile"]>[0]): {
    file: Record<string, unknown>;
    ts: string;
    raw: FakeFile;
  };
  /** Bytes uploaded through files.uploadV2, by file id. */
  uploads: Map<string, { filename: string; bytes: Buffer }>;
  /** Resolves when `predicate` holds over the calls (polls), or rejects after `timeoutMs`. */
  waitFor(predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const state = new SlackState();
  const calls: RecordedCall[] = [];
  const uploads = new Map<string, { filename: string; bytes: Buffer }>();
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
    const record = (method: string, fields: Record<string, unknown>) =>
      calls.push({ method, authorized, fields, at: Date.now() });

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
      record("response_url", JSON.parse(raw.toString("utf8") || "{}") as Record<string, unknown>);
      return json(res, 200, { ok: true });
    }
    const match = /^\/api\/([\w.]+)$/.exec(url.pathname);
    if (!match) return json(res, 404, { ok: false, error: "unknown_route" });
    const method = match[1]!;
    const fields = parseFields(raw, req.headers["content-type"] ?? "", url.searchParams);
    record(method, fields);
    if (!authorized) return json(res, 200, { ok: false, error: "invalid_auth" });
    const context: MethodContext = { state, base, uploads };
    json(res, 200, handleMethod(method, fields, context));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    apiUrl: `${base}/api/`,
    state,
    calls,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    shareFile(options) {
      const { file, message } = state.shareFile(options);
      return { file: fileObject(file, base), ts: message.ts, raw: file };
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
