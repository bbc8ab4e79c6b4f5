// `insightx start` (npm start): the Slack app with its queue workers, Python pool and operations routes.
import type { Command } from "commander";
import { createRuntime } from "../../app/index.js";
import { loadConfig, requireSettings } from "../../config/index.js";
import { createOperations, installShutdown, startHttpServer } from "../../http/index.js";
import {
  createQueue,
  createSlashCommands,
  type DigestJob,
  InProcessQueue,
  restoreSchedules,
  runDigestJob,
} from "../../jobs/index.js";
import { createSlackApp, type SlackApp, slackDigestPoster } from "../../slack/index.js";
import { TraceWriter } from "../../trace/index.js";
import { createLogger, errorMessage } from "../../util/index.js";
import { action } from "../output.js";

export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT at /slack/events)")
    .option("--port <port>", "HTTP port (default: PORT)")
    .action(
      action(async (options: { port?: string }) => {
        const config = loadConfig();
        // Checked before anything opens: a missing token names itself and the fix.
        requireSettings(config, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"], "insightx start");
        const logger = createLogger(config.LOG_LEVEL);
        const runtime = await createRuntime({ config, logger });
        const queue = await createQueue({ config, logger });
        const traces = new TraceWriter({ traces: runtime.store.traces, logger });
        const ops = createOperations({ ...runtime, queue, traces });
        const port = options.port !== undefined ? Number(options.port) : config.PORT;
        let slack: SlackApp | null = null;
        slack = createSlackApp({
          services: runtime,
          queue,
          commands: createSlashCommands({ store: runtime.store, queue }),
          port,
          // /healthz, /readyz, /metrics and /api/ask on the same port as /slack/events.
          customRoutes: ops.routes,
          traceSink: {
            trace: (t) => traces.trace(t),
            step: (s) => {
              traces.step(s);
              ops.metrics.step(s);
            },
          },
          otherJobs: (job) => runDigestJob(runtime, job.data as DigestJob, slackDigestPoster(slack!.app.client)),
        });
        // Warm the Python pool so the first Python question does not pay for it; a failure is only logged.
        runtime.sandbox().catch((error) => logger.warn({ err: errorMessage(error) }, "python sandbox not ready"));
        if (queue instanceof InProcessQueue) await restoreSchedules({ store: runtime.store, queue });
        await queue.process(slack.jobHandler, { concurrency: config.QUEUE_CONCURRENCY });
        const started = await slack.start();
        // Socket Mode has no HTTP listener of its own: serve the operations routes on PORT.
        const opsServer = slack.mode === "socket" ? await startHttpServer({ port, handler: ops.handler }) : null;
        logger.info(
          {
            mode: slack.mode,
            port: started.port,
            queue: queue.kind,
            llm: runtime.llm.available ? "configured" : "offline planner",
          },
          slack.mode === "socket"
            ? "InsightX is connected to Slack (Socket Mode)"
            : `InsightX is listening on :${started.port}/slack/events`,
        );
        installShutdown({
          logger,
          steps: [
            { name: "readiness", run: async () => ops.stopAccepting() },
            { name: "slack", run: () => slack!.stop() },
            // Graceful: running jobs finish; forced: BullMQ hands them to another worker (stalled recovery).
            { name: "queue", run: (force) => queue.close({ force }) },
            { name: "traces", run: () => traces.close() },
            { name: "http", run: async () => opsServer?.close() },
            { name: "runtime", run: () => runtime.close() },
          ],
        });
        await new Promise<never>(() => undefined);
      }),
    );
}
