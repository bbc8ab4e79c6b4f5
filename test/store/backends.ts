// Opens each store backend for the contract suite: PGlite in a temp dir, PostgreSQL in a random schema.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { type CreateStoreOptions, createStore, type Store } from "../../src/store/index.js";

export interface Backend {
  name: string;
  store: Store;
  /** What createStore needs to open this same database again. */
  config: CreateStoreOptions["config"];
  cleanup(): Promise<void>;
}

export type PostgresProbe =
  | { state: "reachable"; url: string }
  | { state: "unset" }
  | { state: "unreachable"; url: string; error: string };

/** Whether DATABASE_URL names a server that answers, decided before the suite is declared. */
export async function probePostgres(url = process.env.DATABASE_URL): Promise<PostgresProbe> {
  if (!url) return { state: "unset" };
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { state: "reachable", url };
  } catch (error) {
    return { state: "unreachable", url, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function openPglite(): Promise<Backend> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "insightx-store-"));
  const config = { DATA_DIR: dir };
  const store = await createStore({ config });
  return {
    name: "pglite",
    store,
    config,
    async cleanup() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A URL whose connections use `schema` first, via the startup `options` parameter. */
export function urlWithSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("options", `-c search_path=${schema}`);
  return parsed.toString();
}

export async function openPostgres(url: string): Promise<Backend> {
  const schema = `test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const config = { DATA_DIR: os.tmpdir(), DATABASE_URL: urlWithSchema(url, schema) };
  let store: Store;
  try {
    store = await createStore({ config, poolSize: 4 });
  } catch (error) {
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => undefined);
    await admin.end();
    throw error;
  }
  return {
    name: "postgres",
    store,
    config,
    async cleanup() {
      await store.close();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    },
  };
}
