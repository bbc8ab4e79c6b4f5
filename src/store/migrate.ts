// Applies migrations/NNN_name.sql in order, each in its own transaction, recorded in schema_migrations.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "../util/index.js";
import { ConfigError } from "../util/index.js";
import type { Db } from "./db/db.js";

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  /** Names of the migrations applied by this run, in order. */
  applied: string[];
  /** How many were already recorded. */
  skipped: number;
}

const FILE = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

/** Reads and orders the migration files; a misnamed `.sql` file or a duplicate number stops start-up. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    throw new ConfigError("migrations_missing", `Cannot read the migrations folder ${dir}`, { cause: error });
  }
  const migrations: Migration[] = [];
  for (const file of files.filter((name) => name.endsWith(".sql")).sort()) {
    const match = FILE.exec(file);
    if (!match) {
      throw new ConfigError("migration_name_invalid", `Migration file ${file} is not named NNN_name.sql`);
    }
    const sql = await readFile(path.join(dir, file), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    migrations.push({ version: Number(match[1]), name: file, sql, checksum });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (let i = 1; i < migrations.length; i += 1) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new ConfigError("migration_duplicate", `Two migrations share number ${migrations[i]!.version}`);
    }
  }
  return migrations;
}

/**
 * Applies every migration not yet in schema_migrations. Safe to re-run. On PostgreSQL the caller
 * holds an advisory lock around this (see create-store.ts) so two processes never race.
 */
export async function applyMigrations(db: Db, migrations: Migration[], logger?: Logger): Promise<MigrationResult> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const rows = await db.query<{ version: number; checksum: string }>(
    "SELECT version, checksum FROM schema_migrations ORDER BY version",
  );
  const done = new Map(rows.map((row) => [row.version, row.checksum]));
  const applied: string[] = [];
  for (const migration of migrations) {
    const recorded = done.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== migration.checksum) {
        logger?.warn({ migration: migration.name }, "migration file changed after it was applied; not re-applied");
      }
      continue;
    }
    const ran = await db.transaction(async (tx) => {
      // Checked again inside the transaction: another run in this process may have got here first.
      const again = await tx.query("SELECT 1 FROM schema_migrations WHERE version = $1", [migration.version]);
      if (again.length > 0) return false;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (!ran) continue;
    logger?.info({ migration: migration.name }, "migration applied");
    applied.push(migration.name);
  }
  return { applied, skipped: migrations.length - applied.length };
}
