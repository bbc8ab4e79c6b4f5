// `insightx start` (npm start): the Slack app with its queue workers, Python pool and operations routes.
import { createRuntime, wireProcess } from "../../app/index.js";
import { requireSettings } from "../../config/index.js";
import { installShutdown, startHttpServer } from "../../http/index.js";
import { createSlashCommands } from "../../jobs/index.js";
import { createSlackApp } from "../../slack/index.js";
import { createLogger, errorMessage } from "../../util/index.js";
import { cliSettings } from "../context.js";

export async function run(options: { port?: string; json?: boolean }): Promise<void> {
  const { config } = cliSettings();
  // Checked before anything opens: a missing token names itself and the fix.
  requireSettings(config, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"], "insightx start");
  const logger = createLogger(config.LOG_LEVEL);
  const runtime = await createRuntime({ config, logger });
  const wiring = await wireProcess(runtime, { role: "app" });
  const port = options.port !== undefined ? Number(options.port) : config.PORT;
  const slack = createSlackApp({
    services: runtime,
    queue: wiring.queue,
    commands: createSlashCommands({ store: runtime.store, queue: wiring.queue }),
    archive: wiring.archive,
    port,
    // /healthz, /readyz, /metrics and /api/ask on the same port as /slack/events.
    customRoutes: wiring.ops.routes,
    jobHandler: (parts) => wiring.jobHandler(parts),
  });
  // Warm the Python pool so the first Python question does not pay for it; a failure is only logged.
  runtime.sandbox().catch((error) => logger.warn({ err: errorMessage(error) }, "python sandbox not ready"));
  await wiring.run(slack.jobHandler);
  const started = await slack.start();
  // Socket Mode has no HTTP listener of its own: serve the operations routes on PORT.
  const opsServer = slack.mode === "socket" ? await startHttpServer({ port, handler: wiring.ops.handler }) : null;
  const ready = {
    ready: true,
    mode: slack.mode,
    port: started.port ?? (opsServer ? Number(new URL(opsServer.url).port) : null),
    jobs: wiring.describe(),
  };
  logger.info(
    ready,
    slack.mode === "socket"
      ? "InsightX is connected to Slack (Socket Mode)"
      : `InsightX is listening on :${started.port}/slack/events`,
  );
  if (options.json) process.stdout.write(`${JSON.stringify(ready)}\n`);
  installShutdown({
    logger,
    steps: [
      { name: "readiness", run: async () => wiring.ops.stopAccepting() },
      { name: "slack", run: () => slack.stop() },
      ...wiring.shutdownSteps(opsServer),
    ],
  });
  await new Promise<never>(() => undefined);
}
