// `insightx start` (npm start): the Slack app with its queue workers and Python pool, until SIGINT/SIGTERM.
import type { Command } from "commander";
import { createRuntime } from "../../app/index.js";
import { loadConfig, requireSettings } from "../../config/index.js";
import { createQueue, createSlashCommands } from "../../jobs/index.js";
import { createSlackApp } from "../../slack/index.js";
import { TraceWriter } from "../../trace/index.js";
import { errorMessage } from "../../util/errors.js";
import { createLogger } from "../../util/logger.js";
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
        const slack = createSlackApp({
          services: runtime,
          queue,
          commands: createSlashCommands({ store: runtime.store, queue }),
          ...(options.port !== undefined ? { port: Number(options.port) } : {}),
          traceSink: traces,
        });
        // Warm the Python pool so the first Python question does not pay for it; a failure is only logged.
        runtime.sandbox().catch((error) => logger.warn({ err: errorMessage(error) }, "python sandbox not ready"));
        await queue.process(slack.jobHandler, { concurrency: config.QUEUE_CONCURRENCY });
        const { port } = await slack.start();
        logger.info(
          { mode: slack.mode, port, queue: queue.kind, llm: runtime.llm.available ? "configured" : "offline planner" },
          slack.mode === "socket"
            ? "InsightX is connected to Slack (Socket Mode)"
            : `InsightX is listening on :${port}/slack/events`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        logger.info("shutting down: finishing running jobs");
        await slack.stop().catch(() => undefined);
        await queue.close();
        await traces.close();
        await runtime.close();
      }),
    );
}
