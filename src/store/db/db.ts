// The database seam: one small interface that both PostgreSQL (`pg`) and embedded PGlite implement.
import { randomUUID } from "node:crypto";
import { UpstreamError } from "../../util/index.js";

export type DbKind = "postgres" | "pglite";

/**
 * A connection pool or embedded database. Parameters are `$1`, `$2`, …; `timestamptz` comes back
 * as `Date`, `jsonb` as parsed values, `bigint`/`numeric` as `number` on both backends.
 */
export interface Db {
  readonly kind: DbKind;
  /** One statement with bound parameters; plain objects are sent as JSON text. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Several `;`-separated statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction (a savepoint when already in one); rolls back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Postgres type OIDs that both backends parse the same way. */
export const OID = { int8: 20, numeric: 1700 } as const;

/** bigint counts and numeric averages as JS numbers: exact below 2^53, which covers every counter we keep. */
export function parseNumber(value: string): number {
  return Number(value);
}

/** Plain objects become JSON text so that `$n::jsonb` receives the same thing on both backends. */
export function normalizeParams(params: unknown[] | undefined): unknown[] | undefined {
  if (params === undefined) return undefined;
  return params.map((value) => {
    if (value === undefined) return null;
    if (value !== null && typeof value === "object" && !(value instanceof Date) && !Array.isArray(value)) {
      const proto = Object.getPrototypeOf(value);
      if (proto === Object.prototype || proto === null) return JSON.stringify(value);
    }
    return value;
  });
}

/** A query failure as an InsightError; the driver's error (with its SQLSTATE `code`) stays the cause. */
export function queryFailed(kind: DbKind, sql: string, error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const statement = sql.replace(/\s+/g, " ").trim().slice(0, 120);
  return new UpstreamError("store_query_failed", `${kind} query failed: ${message} (in: ${statement})`, {
    cause: error,
  });
}

/** The SQLSTATE of a failed query (e.g. `23505` for a unique violation), when the driver gave one. */
export function sqlState(error: unknown): string | undefined {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  const code = (cause as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** A nested transaction as a savepoint on the connection of the enclosing one. */
export async function withSavepoint<T>(tx: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  const name = `sp_${randomUUID().replaceAll("-", "")}`;
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
