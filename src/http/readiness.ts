// /readyz checks: the store answers, Redis answers, the DuckDB directory is writable, the Python pool starts.
import { constants } from "node:fs";
import { access, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { errorMessage } from "../util/index.js";

export interface ReadinessDeps {
  store: { db: { query(sql: string): Promise<unknown> } };
  dataDir: string;
  /** Redis ping, when the queue runs on Redis. */
  redis?: () => Promise<unknown>;
  /** Starts (or returns) the Python pool. */
  sandbox?: () => Promise<unknown>;
  /** Per check. @defaultValue 3000 */
  timeoutMs?: number;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

async function writable(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await access(dir, constants.W_OK);
  const probe = path.join(dir, `.readyz-${process.pid}`);
  await writeFile(probe, "ok");
  await rm(probe, { force: true });
}

export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const timeout = deps.timeoutMs ?? 3_000;
  const checks: Array<[string, () => Promise<unknown>]> = [
    ["store", () => deps.store.db.query("SELECT 1")],
    ["duckdb_dir", () => writable(deps.dataDir)],
  ];
  if (deps.redis) checks.push(["redis", deps.redis]);
  if (deps.sandbox) checks.push(["python", deps.sandbox]);
  const results = await Promise.all(
    checks.map(async ([name, check]) => {
      const started = performance.now();
      try {
        await within(check(), timeout);
        return [name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        return [name, { ok: false, ms: Math.round(performance.now() - started), error: errorMessage(error) }] as const;
      }
    }),
  );
  const entries = Object.fromEntries(results);
  return { ready: results.every(([, result]) => result.ok), checks: entries };
}
