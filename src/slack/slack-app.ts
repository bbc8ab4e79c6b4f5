// Builds the Bolt app (Socket Mode with an app token, else the HTTP receiver at /slack/events) and its listeners.

import path from "node:path";
import { App, type CustomRoute, type webApi } from "@slack/bolt";
import { requireSettings } from "../config/index.js";
import type { JobHandler, JobQueue } from "../jobs/index.js";
import type { TraceSink } from "../trace/index.js";
import { boltLogger } from "./bolt-logger.js";
import { JobIntake } from "./intake.js";
import { type AnswerArchive, FileAnswerArchive } from "./jobs/answer-archive.js";
import { createSlackJobHandler } from "./jobs/job-handler.js";
import { createUpdateBudgets, type UpdateBudgets } from "./jobs/update-budget.js";
import * as actions from "./listeners/actions.js";
import * as agentHome from "./listeners/agent-home.js";
import * as commands from "./listeners/commands.js";
import * as files from "./listeners/files.js";
import * as memberJoined from "./listeners/member-joined.js";
import * as mentions from "./listeners/mentions.js";
import * as messages from "./listeners/messages.js";
import { ThreadMembership } from "./thread-membership.js";
import { AgentContexts, type ListenerDeps, type SlackCommands, type SlackServices } from "./types.js";

/** Every listener module, each with `register(app, deps)`; the manifest test reads their events from here. */
export const LISTENERS = [mentions, messages, files, actions, commands, agentHome, memberJoined];

import { createSlackClient } from "./web-client.js";

export interface SlackAppOptions {
  services: SlackServices;
  queue: JobQueue;
  commands: SlackCommands;
  /**
   * Where answers' SQL, code and results are kept for their buttons.
   * @defaultValue JSON files under DATA_DIR/slack/answers
   */
  archive?: AnswerArchive;
  /**
   * HTTP port (0 picks a free one); ignored in Socket Mode.
   * @defaultValue config.PORT
   */
  port?: number;
  /** Extra HTTP routes on the receiver's server (health checks, metrics). @defaultValue none */
  customRoutes?: CustomRoute[];
  /** Least time between two edits of one progress message. @defaultValue 1000 */
  progressIntervalMs?: number;
  /** Where question traces go (`insightx stats`). @defaultValue not traced */
  traceSink?: TraceSink;
  /** Runs jobs that are not Slack's own (digests). @defaultValue none: such jobs fail as permanent */
  otherJobs?: JobHandler;
  /**
   * Progress edit allowance per workspace.
   * @defaultValue 40 a minute, shared through Redis when REDIS_URL is set (closed by `stop`)
   */
  budgets?: UpdateBudgets;
  /** Waits before files.info is read again when a share is not listed yet. @defaultValue [500, 1000, 2000, 4000] */
  shareWaitsMs?: number[];
  /**
   * Builds the queue's job handler from this app's Web API client and thread membership, so a process wiring
   * (src/app) gives `insightx start` and `insightx worker` one handler; the job options above are then unused.
   * @defaultValue a handler built from the options above
   */
  jobHandler?: (parts: { client: webApi.WebClient; threads: ThreadMembership }) => JobHandler;
}

export interface SlackApp {
  app: App;
  mode: "socket" | "http";
  /** Runs question and ingest jobs; give it to `queue.process` here or in a worker. */
  jobHandler: JobHandler;
  archive: AnswerArchive;
  /** Starts receiving; resolves to the HTTP port (null in Socket Mode). */
  start(): Promise<{ port: number | null }>;
  stop(): Promise<void>;
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { services } = options;
  const { config, logger } = services;
  requireSettings(config, ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"], "The Slack app");
  const socket = config.SLACK_APP_TOKEN !== undefined;
  const port = options.port ?? config.PORT;
  const app = new App({
    token: config.SLACK_BOT_TOKEN!,
    signingSecret: config.SLACK_SIGNING_SECRET!,
    logger: boltLogger(logger.child({ component: "bolt" })),
    ...(config.SLACK_API_URL ? { clientOptions: { slackApiUrl: config.SLACK_API_URL } } : {}),
    ...(socket
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN! }
      : { port, endpoints: "/slack/events", ...(options.customRoutes ? { customRoutes: options.customRoutes } : {}) }),
  });

  const client = createSlackClient(config, logger);
  const threads = new ThreadMembership({ store: services.store.slack, client, logger });
  const budgets =
    options.budgets ??
    createUpdateBudgets({ redisUrl: config.REDIS_URL, logger: logger.child({ component: "edits" }) });
  const archive = options.archive ?? new FileAnswerArchive({ dir: path.join(config.DATA_DIR, "slack", "answers") });
  const deps: ListenerDeps = {
    logger,
    engine: services.engine,
    store: services.store,
    forget: (ref) => services.forget(ref),
    intake: new JobIntake({ queue: options.queue, logger }),
    threads,
    archive,
    commands: options.commands,
    maxUploadBytes: config.MAX_UPLOAD_BYTES,
    agentContext: new AgentContexts(),
  };
  for (const listener of LISTENERS) listener.register(app, deps);
  app.error(async (error) => {
    logger.error({ err: error.message, code: error.code }, "slack listener failed");
  });

  const jobHandler = createSlackJobHandler(
    {
      client,
      services,
      logger,
      archive,
      botToken: config.SLACK_BOT_TOKEN!,
      threads,
      budgets,
      ...(options.shareWaitsMs ? { shareWaitsMs: options.shareWaitsMs } : {}),
      ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
      ...(options.traceSink ? { traceSink: options.traceSink } : {}),
    },
    options.otherJobs,
  );

  return {
    app,
    mode: socket ? "socket" : "http",
    jobHandler: options.jobHandler?.({ client, threads }) ?? jobHandler,
    archive,
    async start() {
      const server = (await app.start(port)) as unknown;
      const address =
        !socket && server && typeof (server as { address?: unknown }).address === "function"
          ? (server as import("node:net").Server).address()
          : null;
      return { port: address && typeof address === "object" ? address.port : null };
    },
    stop: async () => {
      await app.stop();
      if (!options.budgets) await budgets.close();
    },
  };
}
