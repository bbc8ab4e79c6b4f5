// Wires the operations surface for a process (app or worker): metrics, the HTTP handler, Bolt custom routes.
import type { CustomRoute } from "@slack/bolt";
import type { Config } from "../config/index.js";
import { BullmqQueue, type JobQueue } from "../jobs/index.js";
import type { PipelineDeps } from "../pipeline/index.js";
import type { Store } from "../store/index.js";
import type { TraceSink } from "../trace/index.js";
import type { Logger } from "../util/index.js";
import { createMetrics, type Metrics } from "./metrics.js";
import { createHttpHandler, type HttpHandler } from "./server.js";

export interface OperationsDeps {
  config: Config;
  logger: Logger;
  store: Store;
  queue: JobQueue;
  traces: TraceSink;
  pipelineDeps(overrides?: Partial<PipelineDeps>): PipelineDeps;
  /** Starts or returns the Python pool (readiness). */
  sandbox?: () => Promise<unknown>;
  metrics?: Metrics;
}

export interface Operations {
  metrics: Metrics;
  handler: HttpHandler;
  /** Marks the process as draining: /readyz turns 503. */
  stopAccepting(): void;
  /** The same routes for Bolt's HTTP receiver (`customRoutes`). */
  routes: CustomRoute[];
}

export function createOperations(deps: OperationsDeps): Operations {
  const metrics = deps.metrics ?? createMetrics();
  metrics.watchQueue(deps.queue);
  let accepting = true;
  const queue = deps.queue;
  const handler = createHttpHandler({
    logger: deps.logger,
    metrics,
    accepting: () => accepting,
    readiness: {
      store: deps.store,
      dataDir: deps.config.DATA_DIR,
      ...(queue instanceof BullmqQueue ? { redis: () => queue.ping() } : {}),
      ...(deps.sandbox ? { sandbox: deps.sandbox } : {}),
    },
    ask: {
      pipelineDeps: () => deps.pipelineDeps(),
      tokens: deps.config.API_TOKENS,
      traces: deps.traces,
      metrics,
      logger: deps.logger,
    },
  });
  const route = (path: string, method: string): CustomRoute => ({
    path,
    method,
    handler: (req, res) => void handler(req, res),
  });
  return {
    metrics,
    handler,
    stopAccepting: () => {
      accepting = false;
    },
    routes: [route("/healthz", "GET"), route("/readyz", "GET"), route("/metrics", "GET"), route("/api/ask", "POST")],
  };
}
