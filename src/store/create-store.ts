// Builds the Store: opens PostgreSQL (DATABASE_URL) or embedded PGlite (DATA_DIR/pglite), migrates, wires the repositories.
import path from "node:path";
import type { Config } from "../config/index.js";
import type { Logger } from "../util/index.js";
import type { Db } from "./db/db.js";
import { openPgDb, type PgDbOptions, redactUrl, withAdvisoryLock } from "./db/pg-db.js";
import { openPgliteDb } from "./db/pglite-db.js";
import { applyMigrations, loadMigrations } from "./migrate.js";
import { defaultMigrationsDir } from "./package-root.js";
import { type ConversationsRepo, conversationsRepo } from "./repos/conversations.js";
import { type DatasetsRepo, datasetsRepo } from "./repos/datasets.js";
import { type InsightsRepo, insightsRepo } from "./repos/insights.js";
import { type KeyStatsRepo, keyStatsRepo } from "./repos/key-stats.js";
import { type SchedulesRepo, schedulesRepo } from "./repos/schedules.js";
import { type SessionsRepo, sessionsRepo } from "./repos/sessions.js";
import { type SlackStateRepo, slackStateRepo } from "./repos/slack-state.js";
import { type TracesRepo, tracesRepo } from "./repos/traces.js";

export interface Store {
  readonly db: Db;
  readonly sessions: SessionsRepo;
  readonly datasets: DatasetsRepo;
  readonly conversations: ConversationsRepo;
  readonly insights: InsightsRepo;
  readonly traces: TracesRepo;
  readonly schedules: SchedulesRepo;
  readonly keyStats: KeyStatsRepo;
  readonly slack: SlackStateRepo;
  close(): Promise<void>;
}

export interface CreateStoreOptions {
  config: Pick<Config, "DATABASE_URL" | "DATA_DIR">;
  logger?: Logger;
  /**
   * Folder of `NNN_name.sql` files.
   * @defaultValue the package's `migrations/` (found by walking up to package.json)
   */
  migrationsDir?: string;
  /**
   * Most PostgreSQL connections this process opens.
   * @defaultValue 10
   */
  poolSize?: number;
}

/** Any fixed number works; it only has to be the same in every InsightX process. */
const MIGRATION_LOCK_KEY = 4_471_001;

/** The repositories over an open, migrated database. */
export function storeOver(db: Db): Store {
  return {
    db,
    sessions: sessionsRepo(db),
    datasets: datasetsRepo(db),
    conversations: conversationsRepo(db),
    insights: insightsRepo(db),
    traces: tracesRepo(db),
    schedules: schedulesRepo(db),
    keyStats: keyStatsRepo(db),
    slack: slackStateRepo(db),
    close: () => db.close(),
  };
}

/** Connects, applies pending migrations (under an advisory lock on PostgreSQL) and returns the Store. */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const { config, logger } = options;
  const migrations = await loadMigrations(options.migrationsDir ?? defaultMigrationsDir());

  if (config.DATABASE_URL) {
    const pgOptions: PgDbOptions = {
      connectionString: config.DATABASE_URL,
      onIdleError: (error) => logger?.warn({ err: error.message }, "idle PostgreSQL connection failed"),
      ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
    };
    const result = await withAdvisoryLock(pgOptions, MIGRATION_LOCK_KEY, (db) =>
      applyMigrations(db, migrations, logger),
    );
    logger?.info({ backend: "postgres", url: redactUrl(config.DATABASE_URL), ...result }, "store ready");
    return storeOver(openPgDb(pgOptions));
  }

  const dir = path.join(config.DATA_DIR, "pglite");
  const db = await openPgliteDb(dir);
  try {
    // PGlite is one connection in this process: its transactions already exclude each other.
    const result = await applyMigrations(db, migrations, logger);
    logger?.info({ backend: "pglite", dir, ...result }, "store ready");
  } catch (error) {
    await db.close();
    throw error;
  }
  return storeOver(db);
}
