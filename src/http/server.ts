// The operations HTTP surface: /healthz, /readyz, /metrics and POST /api/ask, as a handler others can mount.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../util/index.js";
import { errorMessage } from "../util/index.js";
import { type AskDeps, handleAsk } from "./api-ask.js";
import type { Metrics } from "./metrics.js";
import { checkReadiness, type ReadinessDeps } from "./readiness.js";

export interface HttpDeps {
  logger: Logger;
  metrics: Metrics;
  readiness: ReadinessDeps;
  ask: AskDeps;
  /** False once shutdown began: /readyz answers 503 so load balancers stop sending work. */
  accepting?: () => boolean;
}

/** Handles our routes; resolves false for any other path so a host (Bolt's receiver) can go on. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createHttpHandler(deps: HttpDeps): HttpHandler {
  return async (req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    try {
      if (req.method === "GET" && path === "/healthz") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, pid: process.pid }));
        return true;
      }
      if (req.method === "GET" && path === "/readyz") {
        const readiness = await checkReadiness(deps.readiness);
        const accepting = deps.accepting?.() ?? true;
        const ready = readiness.ready && accepting;
        res.writeHead(ready ? 200 : 503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ...readiness, ready, accepting }));
        return true;
      }
      if (req.method === "GET" && path === "/metrics") {
        const body = await deps.metrics.registry.metrics();
        res.writeHead(200, { "content-type": deps.metrics.registry.contentType }).end(body);
        return true;
      }
      if (req.method === "POST" && path === "/api/ask") {
        await handleAsk(deps.ask, req, res);
        return true;
      }
    } catch (error) {
      deps.logger.error({ err: errorMessage(error), path }, "http handler failed");
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "internal error" }));
      return true;
    }
    return false;
  };
}

export interface RunningServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** A node:http server on `port` (0 = any) serving `handler`, 404 for the rest. */
export async function startHttpServer(options: {
  port: number;
  host?: string;
  handler: HttpHandler;
}): Promise<RunningServer> {
  const server = createServer((req, res) => {
    void options.handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? "0.0.0.0", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
