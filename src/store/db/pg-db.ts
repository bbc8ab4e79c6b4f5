// The `Db` seam over a `pg` connection pool, for a PostgreSQL server at DATABASE_URL.
import pg from "pg";
import { UpstreamError } from "../../util/index.js";
import { type Db, normalizeParams, OID, parseNumber, queryFailed, withSavepoint } from "./db.js";

/** Options for {@link openPgDb}. */
export interface PgDbOptions {
  /** A `postgres://` URL; `?options=-c search_path=x` selects a schema. */
  connectionString: string;
  /**
   * Most connections the pool opens.
   * @defaultValue 10
   */
  poolSize?: number;
  /**
   * How long to wait for a connection before failing.
   * @defaultValue 10000
   */
  connectTimeoutMs?: number;
  /** Called with errors of idle pooled connections (a restarted server, say); they are otherwise dropped. */
  onIdleError?: (error: Error) => void;
}

const parsers: Record<number, (value: string) => unknown> = {
  [OID.int8]: parseNumber,
  [OID.numeric]: parseNumber,
};

const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return parsers[oid] ?? pg.types.getTypeParser(oid, format ?? "text");
  },
} as pg.CustomTypesConfig;

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.ClientBase, "query">;

async function run<T>(target: Queryable, sql: string, params: unknown[] | undefined): Promise<T[]> {
  try {
    const result = await target.query(sql, normalizeParams(params));
    return result.rows as T[];
  } catch (error) {
    throw queryFailed("postgres", sql, error);
  }
}

function clientDb(client: pg.ClientBase): Db {
  const tx: Db = {
    kind: "postgres",
    query: <T>(sql: string, params?: unknown[]) => run<T>(client, sql, params),
    exec: async (sql) => {
      await run(client, sql, undefined);
    },
    transaction: (fn) => withSavepoint(tx, fn),
    close: async () => {
      throw new Error("close() is not available inside a transaction");
    },
  };
  return tx;
}

/** Opens a pool; nothing connects until the first query. */
export function openPgDb(options: PgDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });
  pool.on("error", (error) => options.onIdleError?.(error));
  let closed = false;

  return {
    kind: "postgres",
    query: <T>(sql: string, params?: unknown[]) => run<T>(pool, sql, params),
    exec: async (sql) => {
      await run(pool, sql, undefined);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw queryFailed("postgres", "BEGIN", error);
      }
      let broken = false;
      try {
        await run(client, "BEGIN", undefined);
        const result = await fn(clientDb(client));
        await run(client, "COMMIT", undefined);
        return result;
      } catch (error) {
        try {
          await client.query("ROLLBACK");
        } catch {
          broken = true; // the connection died: do not hand it out again
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Runs `fn` on one dedicated connection holding a session-level advisory lock, so that two
 * processes starting at once do not both apply migrations.
 */
export async function withAdvisoryLock<T>(options: PgDbOptions, key: number, fn: (db: Db) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    types,
  });
  try {
    await client.connect();
  } catch (error) {
    throw new UpstreamError("store_unreachable", `Cannot reach PostgreSQL at ${redactUrl(options.connectionString)}`, {
      cause: error,
      hint: "Check that the server is up and DATABASE_URL is right, or unset DATABASE_URL to use embedded PGlite.",
    });
  }
  try {
    await run(client, "SELECT pg_advisory_lock($1)", [key]);
    const db: Db = {
      kind: "postgres",
      query: <T>(sql: string, params?: unknown[]) => run<T>(client, sql, params),
      exec: async (sql) => {
        await run(client, sql, undefined);
      },
      async transaction<R>(inner: (tx: Db) => Promise<R>): Promise<R> {
        await run(client, "BEGIN", undefined);
        try {
          const result = await inner(clientDb(client));
          await run(client, "COMMIT", undefined);
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      },
      close: async () => undefined,
    };
    return await fn(db);
  } finally {
    await client.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unparsable URL)";
  }
}
