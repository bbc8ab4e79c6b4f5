// The composition root: builds every service from Config once, for the CLI, the Slack app and workers.
// What a command may not need (the Python pool, the queue, the answer archive) is built on first use.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config/index.js";
import { type ChannelRef, DataEngine, type IngestedTable } from "../data/index.js";
import type { JobQueue } from "../jobs/index.js";
import { createLlmClient, type LlmClient, type LlmEvent } from "../llm/index.js";
import type { PipelineDeps } from "../pipeline/index.js";
import { createSandbox, type Sandbox } from "../sandbox/index.js";
import type { FileAnswerArchive } from "../slack/index.js";
import { createStore, type Store, sessionKindFor } from "../store/index.js";
import type { Logger } from "../util/index.js";
import {
  assertNotForgetting,
  type ForgetDeps,
  type ForgetReport,
  forgetChannel,
  resumeForgets,
} from "./forget-channel.js";

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  engine: DataEngine;
  llm: LlmClient;
  /** Starts the Python pool on first use. */
  sandbox(): Promise<Sandbox>;
  /** The job queue (BullMQ with REDIS_URL, else in-process), opened on first use and closed with the runtime. */
  queue(): Promise<JobQueue>;
  /** The archive behind answers' Show SQL & code and Download CSV buttons, loaded on first use. */
  archive(): Promise<FileAnswerArchive>;
  /** Deletes everything the channel holds as one journaled step (see forget-channel.ts). */
  forget(ref: ChannelRef): Promise<ForgetReport>;
  pipelineDeps(overrides?: Partial<PipelineDeps>): PipelineDeps;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  /** Every key rotation, whichever question caused it (metrics, logs). */
  onLlmEvent?: (event: LlmEvent) => void;
  /** @defaultValue the global fetch (tests point it at a fake) */
  fetch?: typeof fetch;
}

/** Where answers are archived: shared storage next to the channels' DuckDB files. */
export function answerArchiveDir(config: Pick<Config, "DATA_DIR">): string {
  return path.join(config.DATA_DIR, "slack", "answers");
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const store = await createStore({ config, logger });
  const engine = new DataEngine({
    config,
    onIngested: (ref, tables) => recordDatasets(config, store, ref, tables),
  });
  const llm = createLlmClient({
    config,
    logger,
    statsSink: { record: async (index, delta) => void (await store.keyStats.record(index, delta)) },
    ...(options.onLlmEvent ? { onEvent: options.onLlmEvent } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sandbox = once(() => createSandbox({ config, logger }));
  let queueOpened = false;
  const queue = once(async () => {
    const { createQueue } = await import("../jobs/index.js");
    const opened = await createQueue({ config, logger });
    queueOpened = true;
    return opened;
  });
  const archive = once(async () => {
    const { FileAnswerArchive } = await import("../slack/index.js");
    return new FileAnswerArchive({ dir: answerArchiveDir(config), maxAgeMs: config.ANSWER_ARCHIVE_DAYS * 86_400_000 });
  });
  const forgetDeps: ForgetDeps = {
    engine,
    store,
    dataDir: config.DATA_DIR,
    logger,
    // No folder: nothing was ever archived here, and the Slack code need not load.
    archive: async () => (existsSync(answerArchiveDir(config)) ? archive() : null),
    // The in-process queue lives in one process only: reach it when this process runs it, BullMQ when configured.
    queue: async () => (queueOpened || config.REDIS_URL ? queue() : null),
  };
  // A forget that an error or a crash stopped is completed before this process serves anything.
  await resumeForgets(forgetDeps);
  return {
    config,
    logger,
    store,
    engine,
    llm,
    sandbox,
    queue,
    archive,
    forget: (ref) => forgetChannel(forgetDeps, ref),
    pipelineDeps: (overrides = {}) => ({ config, logger, engine, llm, store, sandbox, ...overrides }),
    async close() {
      await llm.flush().catch(() => undefined);
      if (sandbox.started) await (await sandbox().catch(() => null))?.close();
      if (queueOpened) await (await queue()).close();
      await engine.close();
      await store.close();
    },
  };
}

/** A lazily built service: created on the first call, shared after; a failed creation is retried next time. */
function once<T>(create: () => Promise<T>): (() => Promise<T>) & { readonly started: boolean } {
  let pending: Promise<T> | null = null;
  const get = () => {
    pending ??= create().catch((error) => {
      pending = null;
      throw error;
    });
    return pending;
  };
  return Object.defineProperty(get, "started", { get: () => pending !== null }) as (() => Promise<T>) & {
    readonly started: boolean;
  };
}

/** Mirrors each ingested table in the store (inside the ingestion's transaction: a failure rolls both back). */
async function recordDatasets(config: Config, store: Store, ref: ChannelRef, tables: IngestedTable[]): Promise<void> {
  // A forget that has not finished would delete this upload when it completes: refuse it until then.
  assertNotForgetting(config.DATA_DIR, ref);
  const session = await store.sessions.ensure(ref.teamId, ref.channelId, sessionKindFor(ref.teamId, ref.channelId));
  for (const table of tables) {
    await store.datasets.record({
      sessionId: session.id,
      tableName: table.tableName,
      sourceFile: table.dna.sourceFile,
      version: table.version,
      rowCount: table.rowCount,
      columnCount: table.columnCount,
      dataDna: table.dna,
    });
  }
}
