// The `Db` seam over embedded PGlite in a data directory, for running without a PostgreSQL server.
import { AsyncLocalStorage } from "node:async_hooks";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { UpstreamError } from "../../util/index.js";
import { type Db, normalizeParams, OID, parseNumber, queryFailed, withSavepoint } from "./db.js";

interface Shared {
  instance: Promise<PGlite>;
  users: number;
  /** Set while a transaction callback runs: a query on the outer handle then would wait forever. */
  inTransaction: AsyncLocalStorage<true>;
}

/**
 * PGlite is a single-connection database that must not be opened twice on one directory:
 * every `openPgliteDb` on the same directory in this process shares one instance,
 * closed when the last user closes. PGlite itself runs one query or transaction at a time.
 */
const open = new Map<string, Shared>();

const parsers = { [OID.int8]: parseNumber, [OID.numeric]: parseNumber };

type Runner = Pick<PGlite, "query"> | Pick<Transaction, "query">;

async function run<T>(target: Runner, sql: string, params: unknown[] | undefined): Promise<T[]> {
  try {
    const result = await target.query<T>(sql, normalizeParams(params));
    return result.rows;
  } catch (error) {
    throw queryFailed("pglite", sql, error);
  }
}

function txDb(tx: Transaction): Db {
  const db: Db = {
    kind: "pglite",
    query: <T>(sql: string, params?: unknown[]) => run<T>(tx, sql, params),
    exec: async (sql) => {
      try {
        await tx.exec(sql);
      } catch (error) {
        throw queryFailed("pglite", sql, error);
      }
    },
    transaction: (fn) => withSavepoint(db, fn),
    close: async () => {
      throw new Error("close() is not available inside a transaction");
    },
  };
  return db;
}

/** Opens (or shares) the PGlite database in `dir`, creating it on first use. */
export async function openPgliteDb(dir: string): Promise<Db> {
  const key = path.resolve(dir);
  let shared = open.get(key);
  if (!shared) {
    const instance = mkdir(key, { recursive: true }).then(() => PGlite.create(key, { parsers }));
    shared = { instance, users: 0, inTransaction: new AsyncLocalStorage() };
    open.set(key, shared);
    instance.catch(() => open.delete(key));
  }
  shared.users += 1;
  const entry = shared;
  let pg: PGlite;
  try {
    pg = await entry.instance;
  } catch (error) {
    entry.users -= 1;
    throw queryFailed("pglite", `open ${key}`, error);
  }
  let closed = false;
  const outside = () => {
    if (entry.inTransaction.getStore()) {
      throw new UpstreamError(
        "store_outer_query_in_transaction",
        "A query used the store's outer handle inside a PGlite transaction, which would wait forever: use the transaction's `tx`.",
      );
    }
  };

  return {
    kind: "pglite",
    query: async <T>(sql: string, params?: unknown[]) => {
      outside();
      return run<T>(pg, sql, params);
    },
    exec: async (sql) => {
      outside();
      try {
        await pg.exec(sql);
      } catch (error) {
        throw queryFailed("pglite", sql, error);
      }
    },
    transaction: async (fn) => {
      outside();
      return pg.transaction((tx) => entry.inTransaction.run(true, () => fn(txDb(tx))));
    },
    async close() {
      if (closed) return;
      closed = true;
      entry.users -= 1;
      if (entry.users === 0 && open.get(key) === entry) {
        open.delete(key);
        await pg.close();
      }
    },
  };
}
