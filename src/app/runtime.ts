// The composition root: builds every service from Config once, for the CLI, the Slack app and workers.
import type { Config } from "../config/index.js";
import { type ChannelRef, DataEngine, type IngestedTable } from "../data/index.js";
import { createLlmClient, type LlmClient, type LlmEvent } from "../llm/index.js";
import type { PipelineDeps } from "../pipeline/index.js";
import { createSandbox, type Sandbox } from "../sandbox/index.js";
import { createStore, type Store, sessionKindFor } from "../store/index.js";
import type { Logger } from "../util/index.js";

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  engine: DataEngine;
  llm: LlmClient;
  /** Starts the Python pool on first use. */
  sandbox(): Promise<Sandbox>;
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

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const store = await createStore({ config, logger });
  const engine = new DataEngine({
    config,
    onIngested: (ref, tables) => recordDatasets(store, ref, tables),
  });
  const llm = createLlmClient({
    config,
    logger,
    statsSink: { record: async (index, delta) => void (await store.keyStats.record(index, delta)) },
    ...(options.onLlmEvent ? { onEvent: options.onLlmEvent } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let sandbox: Promise<Sandbox> | null = null;
  const getSandbox = () => {
    sandbox ??= createSandbox({ config, logger }).catch((error) => {
      sandbox = null;
      throw error;
    });
    return sandbox;
  };
  return {
    config,
    logger,
    store,
    engine,
    llm,
    sandbox: getSandbox,
    pipelineDeps: (overrides = {}) => ({ config, logger, engine, llm, store, sandbox: getSandbox, ...overrides }),
    async close() {
      await llm.flush().catch(() => undefined);
      if (sandbox) await (await sandbox.catch(() => null))?.close();
      await engine.close();
      await store.close();
    },
  };
}

/** Mirrors each ingested table in the store (inside the ingestion's transaction: a failure rolls both back). */
async function recordDatasets(store: Store, ref: ChannelRef, tables: IngestedTable[]): Promise<void> {
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
