// `insightx worker`: consumes the queue with no Slack listener (questions, uploads, digests), so workers scale out.
import { createRuntime, wireProcess } from "../../app/index.js";
import { requireSettings } from "../../config/index.js";
import { installShutdown, startHttpServer } from "../../http/index.js";
import { createSlackClient } from "../../slack/index.js";
import { createLogger } from "../../util/index.js";
import { cliSettings } from "../context.js";

export async function run(options: { concurrency?: string; port?: string; json?: boolean }): Promise<void> {
  const { config } = cliSettings();
  requireSettings(config, ["SLACK_BOT_TOKEN"], "insightx worker");
  const logger = createLogger(config.LOG_LEVEL).child({ role: "worker" });
  const runtime = await createRuntime({ config, logger });
  const wiring = await wireProcess(runtime, {
    role: "worker",
    ...(options.concurrency ? { concurrency: Number(options.concurrency) } : {}),
  });
  const handler = wiring.jobHandler({ client: createSlackClient(config, logger) });
  const server = await startHttpServer({
    port: options.port ? Number(options.port) : config.PORT,
    handler: wiring.ops.handler,
  });
  await wiring.run(handler);
  const ready = { ready: true, mode: "worker", port: Number(new URL(server.url).port), jobs: wiring.describe() };
  logger.info({ ...ready, ops: server.url }, "InsightX worker is consuming the queue");
  if (options.json) process.stdout.write(`${JSON.stringify(ready)}\n`);
  // Runs until a signal: installShutdown drains and exits the process.
  installShutdown({
    logger,
    steps: [{ name: "readiness", run: async () => wiring.ops.stopAccepting() }, ...wiring.shutdownSteps(server)],
  });
  await new Promise<never>(() => undefined);
}
