// The one wiring of a long-running process: `insightx start` (Slack listener + workers) and `insightx worker`
// (workers only) both build their queue, tracing, operations routes and job handler here, so a setting added for
// one reaches the other.
import type { ShutdownStep } from "../http/index.js";
import { createOperations, type Operations } from "../http/index.js";
import {
  type DigestJob,
  InProcessQueue,
  type JobHandler,
  type JobQueue,
  PermanentJobError,
  restoreSchedules,
  runDigestJob,
} from "../jobs/index.js";
import {
  createSlackJobHandler,
  createUpdateBudgets,
  type FileAnswerArchive,
  type SlackJobDeps,
  slackDigestPoster,
  type ThreadMembership,
} from "../slack/index.js";
import { TraceWriter } from "../trace/index.js";
import { errorMessage } from "../util/index.js";
import type { Runtime } from "./runtime.js";

export interface ProcessOptions {
  /** `app` also runs the Slack listener; `worker` only consumes the queue. */
  role: "app" | "worker";
  /** Jobs at once in this process. @defaultValue config.QUEUE_CONCURRENCY */
  concurrency?: number;
  /** How often archived answers older than ANSWER_ARCHIVE_DAYS are deleted. @defaultValue one hour */
  pruneEveryMs?: number;
}

/** What the Slack job handler gets besides its Web API client and the app's thread membership. */
export type JobSettings = Omit<SlackJobDeps, "client" | "threads">;

export interface ProcessWiring {
  queue: JobQueue;
  traces: TraceWriter;
  ops: Operations;
  archive: FileAnswerArchive;
  /** The settings every job handler of this installation is built with (edit budget, archive, tracing…). */
  settings: JobSettings;
  /** The queue's handler (questions, uploads, digests) over a Web API client; the same for `start` and `worker`. */
  jobHandler(parts: { client: SlackJobDeps["client"]; threads?: ThreadMembership }): JobHandler;
  /** The settings described without secrets, for the log and the ready line (`--json`). */
  describe(): Record<string, string | number | boolean>;
  /** Restores schedules (in-process queue), starts archive pruning and consumes the queue with `handler`. */
  run(handler: JobHandler): Promise<void>;
  /** Shutdown after the role's own intake steps: queue, pruning, traces, `http`, the runtime. */
  shutdownSteps(http?: { close(): Promise<void> } | null): ShutdownStep[];
}

export async function wireProcess(runtime: Runtime, options: ProcessOptions): Promise<ProcessWiring> {
  const { config, logger } = runtime;
  const queue = await runtime.queue();
  const traces = new TraceWriter({ traces: runtime.store.traces, logger });
  const ops = createOperations({ ...runtime, queue, traces });
  const archive = await runtime.archive();
  // Whatever src/slack provides as the edit budget (shared through Redis with REDIS_URL): one for every process.
  const budgets = createUpdateBudgets({ redisUrl: config.REDIS_URL, logger: logger.child({ component: "edits" }) });
  const settings: JobSettings = {
    services: runtime,
    logger,
    archive,
    botToken: config.SLACK_BOT_TOKEN ?? "",
    budgets,
    traceSink: {
      trace: (t) => traces.trace(t),
      step: (s) => {
        traces.step(s);
        ops.metrics.step(s);
      },
    },
  };
  const concurrency = options.concurrency ?? config.QUEUE_CONCURRENCY;
  let pruning: NodeJS.Timeout | null = null;
  const prune = () =>
    archive
      .prune()
      .then((removed) => removed > 0 && logger.info({ removed }, "pruned archived answers"))
      .catch((error) => logger.warn({ err: errorMessage(error) }, "could not prune archived answers"));

  return {
    queue,
    traces,
    ops,
    archive,
    settings,
    jobHandler({ client, threads }) {
      const post = slackDigestPoster(client);
      const digests: JobHandler = async (job) => {
        const data = job.data as DigestJob;
        if (data.scheduleId && !(await runtime.store.schedules.get(data.scheduleId))) {
          // Turned off, or its channel forgotten, while the queue still held it: stop it for good.
          await queue.removeSchedule(data.scheduleId);
          throw new PermanentJobError(`schedule ${data.scheduleId} no longer exists`);
        }
        await runDigestJob(runtime, data, post);
      };
      return createSlackJobHandler({ ...settings, client, ...(threads ? { threads } : {}) }, digests);
    },
    describe: () => ({
      role: options.role,
      queue: queue.kind,
      concurrency,
      ...describeSettings(settings),
      archiveDays: config.ANSWER_ARCHIVE_DAYS,
      llm: runtime.llm.available ? "configured" : "offline planner",
    }),
    async run(handler) {
      if (queue instanceof InProcessQueue) {
        if (options.role === "worker")
          logger.warn("REDIS_URL is unset: this worker only runs jobs it schedules itself (digests)");
        await restoreSchedules({ store: runtime.store, queue });
      }
      void prune();
      pruning = setInterval(prune, options.pruneEveryMs ?? 3_600_000);
      pruning.unref();
      await queue.process(handler, { concurrency });
    },
    shutdownSteps: (http) => [
      // Graceful: running jobs finish; forced: BullMQ hands them to another worker (stalled recovery).
      { name: "queue", run: (force) => queue.close({ force }) },
      {
        name: "pruning",
        run: async () => {
          if (pruning) clearInterval(pruning);
        },
      },
      { name: "traces", run: () => traces.close() },
      { name: "edit budget", run: () => budgets.close() },
      { name: "http", run: async () => http?.close() },
      { name: "runtime", run: () => runtime.close() },
    ],
  };
}

/** Each setting by name: values as they are, services by their class (a token only as "set"). */
function describeSettings(settings: JobSettings): Record<string, string | number | boolean> {
  const described: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))) {
    if (name === "logger" || name === "services") continue;
    if (name === "botToken") described[name] = value ? "set" : "unset";
    else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      described[name] = value;
    else if (typeof value === "function") described[name] = "function";
    else described[name] = (value as object | null)?.constructor?.name ?? "object";
  }
  return described;
}
