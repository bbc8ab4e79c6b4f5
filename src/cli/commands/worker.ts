// `insightx worker`: consumes the queue with no Slack listener (questions, uploads, digests), so workers scale out.
import path from "node:path";
import type { Command } from "commander";
import { createRuntime } from "../../app/index.js";
import { loadConfig, requireSettings } from "../../config/index.js";
import { createOperations, installShutdown, startHttpServer } from "../../http/index.js";
import {
  createQueue,
  type DigestJob,
  InProcessQueue,
  type JobHandler,
  restoreSchedules,
  runDigestJob,
} from "../../jobs/index.js";
import { createSlackClient, createSlackJobHandler, FileAnswerArchive, slackDigestPoster } from "../../slack/index.js";
import { TraceWriter } from "../../trace/index.js";
import { createLogger } from "../../util/index.js";
import { action } from "../output.js";

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("consume the job queue (REDIS_URL) without a Slack listener; serves /healthz, /readyz, /metrics")
    .option("--concurrency <n>", "jobs at once (default: QUEUE_CONCURRENCY)")
    .option("--port <port>", "operations HTTP port (default: PORT; 0 = any free port)")
    .action(
      action(async (options: { concurrency?: string; port?: string }) => {
        const config = loadConfig();
        requireSettings(config, ["SLACK_BOT_TOKEN"], "insightx worker");
        const logger = createLogger(config.LOG_LEVEL).child({ role: "worker" });
        const runtime = await createRuntime({ config, logger });
        const queue = await createQueue({ config, logger });
        if (queue instanceof InProcessQueue) {
          logger.warn("REDIS_URL is unset: this worker only runs jobs it schedules itself (digests)");
          await restoreSchedules({ store: runtime.store, queue });
        }
        const traces = new TraceWriter({ traces: runtime.store.traces, logger });
        const ops = createOperations({ ...runtime, queue, traces });
        const client = createSlackClient(config, logger);
        const post = slackDigestPoster(client);
        const digests: JobHandler = (job) => runDigestJob(runtime, job.data as DigestJob, post);
        const handler = createSlackJobHandler(
          {
            client,
            services: runtime,
            logger,
            archive: new FileAnswerArchive({ dir: path.join(config.DATA_DIR, "slack", "answers") }),
            botToken: config.SLACK_BOT_TOKEN!,
            traceSink: {
              trace: (t) => traces.trace(t),
              step: (s) => {
                traces.step(s);
                ops.metrics.step(s);
              },
            },
          },
          digests,
        );
        const server = await startHttpServer({
          port: options.port ? Number(options.port) : config.PORT,
          handler: ops.handler,
        });
        await queue.process(handler, {
          concurrency: options.concurrency ? Number(options.concurrency) : config.QUEUE_CONCURRENCY,
        });
        logger.info({ queue: queue.kind, ops: server.url }, "InsightX worker is consuming the queue");
        const { shutdown } = installShutdown({
          logger,
          steps: [
            { name: "readiness", run: async () => ops.stopAccepting() },
            // Graceful: running jobs finish; forced: they are left to another worker (stalled recovery).
            { name: "queue", run: (force) => queue.close({ force }) },
            { name: "traces", run: () => traces.close() },
            { name: "http", run: () => server.close() },
            { name: "runtime", run: () => runtime.close() },
          ],
        });
        // Runs until a signal: installShutdown drains and exits the process.
        void shutdown;
        await new Promise<never>(() => undefined);
      }),
    );
}
